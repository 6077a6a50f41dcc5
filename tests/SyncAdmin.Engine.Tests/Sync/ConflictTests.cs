using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.Sync;

public class ConflictTests
{
    private const SyncDirection To = SyncDirection.ToIntegrationTable;
    private const SyncDirection From = SyncDirection.FromIntegrationTable;

    private static SyncScenario Synced(string? options = null)
    {
        var s = new SyncScenario(options);
        s.AddCustomer("10000", "Adatum");
        s.Run();
        return s;
    }

    [Fact]
    public void Both_sides_changed_fails_with_a_conflict_then_the_record_is_skipped_after_the_same_error_twice()
    {
        using var s = Synced();
        s.EditCustomer("10000", ("Name", "Adatum ERP"));
        s.EditAccount(s.AccountId("10000"), ("name", "Adatum CRM"));

        var first = s.Run();
        var to = SyncScenario.Job(first, "CUSTOMER", To);
        Assert.Equal(1, to.Failed);
        var error = s.Engine.GetErrors(new ErrorQuery { JobId = to.Id }).Single();
        Assert.Contains("(changed on both sides — in Customer: Name; in account: name)", error.Message);
        Assert.Equal("Customer", error.SourceTable);
        Assert.Equal("10000", error.SourceKey);
        Assert.Equal(s.AccountId("10000"), error.DestinationKey);
        Assert.Equal("Adatum ERP", s.Customer("10000")!["Name"]);
        Assert.Equal("Adatum CRM", s.Account("10000")!["name"]);

        s.Run();
        var coupling = s.Engine.Couplings.List("CUSTOMER", localKey: "10000").Single();
        Assert.True(coupling.Skipped);
        Assert.Contains("changed on both sides", coupling.SkipReason);

        var third = s.Run();
        Assert.Equal(1, SyncScenario.Job(third, "CUSTOMER", To).Skipped);
    }

    [Fact]
    public void Equal_changes_on_both_sides_are_not_a_conflict()
    {
        using var s = Synced();
        s.EditCustomer("10000", ("Name", "Same"));
        s.EditAccount(s.AccountId("10000"), ("name", "Same"));

        var jobs = s.Run();

        Assert.Equal(0, jobs.Sum(j => j.Failed));
        Assert.Equal(1, SyncScenario.Job(jobs, "CUSTOMER", To).Unchanged);
        s.EditAccount(s.AccountId("10000"), ("telephone1", "1"));
        Assert.Equal(1, s.RunOne("CUSTOMER", From).Modified);
    }

    [Fact]
    public void SendUpdateToIntegration_lets_the_local_side_win()
    {
        using var s = Synced("updateConflictResolution: SendUpdateToIntegration");
        s.EditCustomer("10000", ("Name", "Adatum ERP"));
        s.EditAccount(s.AccountId("10000"), ("name", "Adatum CRM"));

        var jobs = s.Run();

        Assert.Equal(0, jobs.Sum(j => j.Failed));
        Assert.Equal("Adatum ERP", s.Account("10000")!["name"]);
        Assert.Equal("Adatum ERP", s.Customer("10000")!["Name"]);
    }

    [Fact]
    public void GetUpdateFromIntegration_lets_the_integration_side_win()
    {
        using var s = Synced("updateConflictResolution: GetUpdateFromIntegration");
        s.EditCustomer("10000", ("Name", "Adatum ERP"));
        s.EditAccount(s.AccountId("10000"), ("name", "Adatum CRM"));

        var jobs = s.Run();

        Assert.Equal(0, jobs.Sum(j => j.Failed));
        Assert.Equal(0, SyncScenario.Job(jobs, "CUSTOMER", To).Modified);
        Assert.Equal(1, SyncScenario.Job(jobs, "CUSTOMER", From).Modified);
        Assert.Equal("Adatum CRM", s.Customer("10000")!["Name"]);
    }

    [Fact]
    public void Field_level_merge_combines_changes_to_different_fields()
    {
        using var s = Synced("fieldLevelMerge: true");
        s.EditCustomer("10000", ("Name", "Adatum ERP"));
        s.EditAccount(s.AccountId("10000"), ("telephone1", "555-CRM"));

        var jobs = s.Run();

        Assert.Equal(0, jobs.Sum(j => j.Failed));
        Assert.Equal(("Adatum ERP", "555-CRM"), ((string)s.Account("10000")!["name"]!, (string)s.Account("10000")!["telephone1"]!));
        Assert.Equal(("Adatum ERP", "555-CRM"), ((string)s.Customer("10000")!["Name"]!, (string)s.Customer("10000")!["Phone"]!));
    }

    [Fact]
    public void Field_level_merge_still_conflicts_on_the_same_field_changed_differently()
    {
        using var s = Synced("fieldLevelMerge: true");
        s.EditCustomer("10000", ("Name", "Adatum ERP"), ("Phone", "555-ERP"));
        s.EditAccount(s.AccountId("10000"), ("name", "Adatum CRM"));

        var to = SyncScenario.Job(s.Run(), "CUSTOMER", To);

        Assert.Equal(1, to.Failed);
        var error = s.Engine.GetErrors(new ErrorQuery { JobId = to.Id }).Single();
        Assert.Contains("(changed on both sides — in Customer: Name; in account: name)", error.Message);
        Assert.DoesNotContain("telephone1", error.Message);
    }

    [Fact]
    public void Without_field_level_merge_changes_to_different_fields_are_a_record_conflict()
    {
        using var s = Synced();
        s.EditCustomer("10000", ("Name", "Adatum ERP"));
        s.EditAccount(s.AccountId("10000"), ("telephone1", "555-CRM"));

        Assert.Equal(1, SyncScenario.Job(s.Run(), "CUSTOMER", To).Failed);
    }

    [Fact]
    public void A_one_way_mapping_never_checks_the_destination()
    {
        using var s = new SyncScenario(mappings: SyncScenario.Mappings.Replace("direction: Bidirectional", "direction: ToIntegrationTable")
            .Replace("- { field: No, integrationField: accountnumber, direction: ToIntegrationTable }", "- { field: No, integrationField: accountnumber }"));
        s.AddCustomer("10000", "Adatum");
        s.Run();
        s.EditCustomer("10000", ("Name", "ERP wins"));
        s.EditAccount(s.AccountId("10000"), ("name", "CRM edit"));

        var jobs = s.Run();

        Assert.Equal(1, SyncScenario.Job(jobs, "CUSTOMER", To).Modified);
        Assert.Equal("ERP wins", s.Account("10000")!["name"]);
    }

    [Fact]
    public void Skip_after_repeated_failures_zero_never_skips()
    {
        using var s = Synced("skipAfterRepeatedFailures: 0");
        s.EditCustomer("10000", ("Name", "A"));
        s.EditAccount(s.AccountId("10000"), ("name", "B"));
        for (var i = 0; i < 3; i++) s.Run();
        Assert.False(s.Engine.Couplings.List("CUSTOMER").Single().Skipped);
        // Each run fails the record in both passes: the conflict is seen from either side.
        Assert.Equal(6, s.Engine.GetErrors(new ErrorQuery()).Count());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_conflict_message_names_per_side_what_each_side_changed(bool fromPass)
    {
        // The sample: only the CRM changed telephone1, only the ERP changed the credit limit.
        using var s = Synced();
        s.EditCustomer("10000", ("CreditLimit", 7500.0));
        s.EditAccount(s.AccountId("10000"), ("telephone1", "555-CRM"));

        var jobs = s.Run();
        var job = SyncScenario.Job(jobs, "CUSTOMER", fromPass ? SyncDirection.FromIntegrationTable : To);
        var error = s.Engine.GetErrors(new ErrorQuery { JobId = job.Id }).Single();

        Assert.EndsWith(fromPass
            ? "(changed on both sides — in account: telephone1; in Customer: CreditLimit)."
            : "(changed on both sides — in Customer: CreditLimit; in account: telephone1).", error.Message);
    }
}
