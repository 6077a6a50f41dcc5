using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Sync;
using SyncAdmin.Engine.Admin;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.Admin;

/// <summary>Mapping names compare one way everywhere (ordinal, ignoring case in full Unicode), and a mapping can be removed
/// — with its history only when asked, never from under a mapping that needs it.</summary>
public class MappingNameAndRemovalTests
{
    private static string File(SyncScenario s, string name, string mapping, string direction = "ToIntegrationTable")
    {
        var path = s.Directory.File(name);
        System.IO.File.WriteAllText(path, $$"""
            connections:
              erp: { provider: sqlite, connectionString: "Data Source={{s.Erp.Path}}" }
              crm: { provider: sqlite, connectionString: "Data Source={{s.Crm.Path}}" }
            mappings:
              - name: {{mapping}}
                table:            { connection: erp, name: Currency, key: Code, modifiedOn: LastModifiedAt }
                integrationTable: { connection: crm, name: transactioncurrency, key: transactioncurrencyid, modifiedOn: modifiedon }
                direction: {{direction}}
                fields:
                  - { field: Code, integrationField: isocurrencycode }
            """);
        return path;
    }

    [Theory]
    [InlineData("CAFÉ", "café")]
    [InlineData("ÆØÅ", "æøå")]
    [InlineData("ΣΟΦΊΑ", "σοφία")]
    [InlineData("ДАННЫЕ", "данные")]
    [InlineData("Ǆ_MAP", "ǆ_map")]
    public void Names_that_differ_only_in_case_in_any_script_are_one_mapping(string first, string second)
    {
        using var s = new SyncScenario();
        s.Engine.ImportMappings(File(s, "a.yaml", first));
        var change = s.Engine.ImportMappings(File(s, "b.yaml", second, "Bidirectional")).Single();

        Assert.Equal(MappingChangeKind.Changed, change.Change);
        var stored = s.Engine.Store.Mappings.List().Where(m => MappingStore.Names.Equals(m.Name, first)).ToList();
        Assert.Single(stored);
        Assert.Equal(first, stored[0].Name); // the stored spelling stays
        Assert.Equal(SyncDirection.Bidirectional, s.Engine.Store.Mappings.Get(second).Definition.Direction);
        s.AddCurrency("EUR", "Euro");
        var jobs = s.Run();
        Assert.All(jobs, j => Assert.Equal(JobStatus.Succeeded, j.Status));
        Assert.Contains(jobs, j => j.Mapping == first);
    }

    [Fact]
    public void A_mapping_without_history_is_removed_and_its_connections_stay()
    {
        using var s = new SyncScenario();
        s.Engine.ImportMappings(File(s, "a.yaml", "SPARE"));

        var history = s.Engine.Removal.Remove("spare", withHistory: false);

        Assert.True(history.IsEmpty);
        Assert.Null(s.Engine.Store.Mappings.Find("SPARE"));
        Assert.NotNull(s.Engine.Store.Mappings.FindConnection("erp"));
    }

    [Fact]
    public void A_mapping_with_history_goes_only_with_it_when_asked_and_takes_all_of_it()
    {
        using var s = new SyncScenario();
        s.AddCurrency("EUR", "Euro");
        s.Engine.ImportMappings(File(s, "a.yaml", "SPARE"));
        s.Run(new RunRequest { Mappings = new[] { "SPARE" } });
        s.Crm.Execute("DELETE FROM transactioncurrency");
        s.Erp.Execute($"UPDATE Currency SET Description = 'Euro!', LastModifiedAt = '{DateTime.UtcNow:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}'");
        s.Run(new RunRequest { Mappings = new[] { "SPARE" } }); // an error for the deleted counterpart

        var refusal = Assert.Throws<InvalidOperationException>(() => s.Engine.Removal.Remove("SPARE", withHistory: false));
        Assert.Contains("has 1 coupling(s), 1 error(s) and 2 job(s)", refusal.Message);
        Assert.NotNull(s.Engine.Store.Mappings.Find("SPARE"));

        var history = s.Engine.Removal.Remove("SPARE", withHistory: true);

        Assert.Equal((1L, 1L, 2L), (history.Couplings, history.Errors, history.Jobs));
        Assert.Null(s.Engine.Store.Mappings.Find("SPARE"));
        Assert.Empty(s.Engine.GetErrors(new ErrorQuery { Mappings = new[] { "SPARE" } }));
        Assert.Empty(s.Engine.GetJobs(new JobQuery { Mappings = new[] { "SPARE" } }));
        Assert.Equal(0, s.Engine.Store.Couplings.Count("SPARE"));
        Assert.NotEmpty(s.Engine.Store.Mappings.List()); // the other mappings are untouched
    }

    [Theory]
    [InlineData("CURRENCY")] // CUSTOMER depends on it and looks currency codes up through it
    [InlineData("currency")]
    public void A_mapping_another_one_needs_is_not_removed(string name)
    {
        using var s = new SyncScenario();
        var e = Assert.Throws<InvalidOperationException>(() => s.Engine.Removal.Remove(name, withHistory: true));
        Assert.Contains("'CUSTOMER' depend(s) on it", e.Message);
        Assert.NotNull(s.Engine.Store.Mappings.Find("CURRENCY"));
    }

    [Fact]
    public void A_mapping_a_run_holds_is_not_removed()
    {
        using var s = new SyncScenario();
        s.Engine.ImportMappings(File(s, "a.yaml", "SPARE"));
        s.Engine.Store.Leases.Acquire("SPARE", "another worker", TimeSpan.FromMinutes(5));
        Assert.Throws<LeaseHeldException>(() => s.Engine.Removal.Remove("SPARE", withHistory: true));
        Assert.NotNull(s.Engine.Store.Mappings.Find("SPARE"));
    }

    [Fact]
    public void An_unknown_name_is_MappingNotFound() =>
        Assert.Throws<MappingNotFoundException>(() => new SyncScenario().Engine.Removal.Remove("NOPE", withHistory: true));
}
