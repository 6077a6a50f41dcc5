using SyncAdmin.Engine.Admin;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.Admin;

public class ImportAndSchemaTests
{
    [Fact]
    public void A_bad_file_changes_nothing_in_the_store()
    {
        using var s = new SyncScenario();
        var before = s.Engine.GetMappings().Select(m => (m.Name, m.Direction)).ToList();
        var bad = s.Directory.File("bad.yaml");
        File.WriteAllText(bad, File.ReadAllText(s.MappingFile)
            .Replace("direction: Bidirectional", "direction: ToIntegrationTable")
            .Replace("name: CURRENCY\n", "name: CURRENCY\n    dependsOn: [CUSTOMER]\n"));

        var e = Assert.Throws<ConfigurationException>(() => s.Engine.ImportMappings(bad));

        Assert.Contains("bad.yaml", e.Message);
        Assert.Equal(before, s.Engine.GetMappings().Select(m => (m.Name, m.Direction)).ToList());
    }

    [Fact]
    public void Import_with_a_schema_check_refuses_a_file_the_live_tables_do_not_fit()
    {
        using var s = new SyncScenario();
        var fresh = s.Directory.File("fresh.yaml");
        File.WriteAllText(fresh, File.ReadAllText(s.MappingFile)
            .Replace("name: CUSTOMER", "name: CUSTOMER2").Replace("name: CURRENCY", "name: CURRENCY2")
            .Replace("[CURRENCY]", "[CURRENCY2]").Replace("lookup: CURRENCY", "lookup: CURRENCY2")
            .Replace("erp:", "erp2:").Replace("connection: erp,", "connection: erp2,")
            .Replace("integrationField: telephone1", "integrationField: phone2"));

        var e = Assert.Throws<ConfigurationException>(() => s.Engine.ImportMappings(fresh, checkSchema: true));

        Assert.Contains("fresh.yaml", e.Message);
        Assert.Contains("'phone2' is not a column of account", e.Message);
        Assert.DoesNotContain(s.Engine.GetMappings(), m => m.Name == "CUSTOMER2");
        Assert.Null(s.Engine.Store.Mappings.FindConnection("erp2"));
        // The same file without the bad column imports, checked against the tables through its own new connection.
        File.WriteAllText(fresh, File.ReadAllText(fresh).Replace("phone2", "telephone1"));
        Assert.Equal(2, s.Engine.ImportMappings(fresh, checkSchema: true).Count);
    }

    [Fact]
    public void Import_reports_added_changed_and_unchanged_mappings_and_validate_only_stores_nothing()
    {
        using var s = new SyncScenario();
        Assert.All(s.Engine.ImportMappings(s.MappingFile), c => Assert.Equal(MappingChangeKind.Unchanged, c.Change));
        File.WriteAllText(s.MappingFile, File.ReadAllText(s.MappingFile).Replace("direction: Bidirectional", "direction: ToIntegrationTable")
            .Replace(", direction: ToIntegrationTable }", " }"));

        var preview = s.Engine.ImportMappings(s.MappingFile, validateOnly: true);

        Assert.Equal(MappingChangeKind.Changed, preview.Single(c => c.Name == "CUSTOMER").Change);
        Assert.Equal(SyncDirection.Bidirectional, s.Engine.GetMappings().Single(m => m.Name == "CUSTOMER").Direction);
        s.Engine.ImportMappings(s.MappingFile);
        Assert.Equal(SyncDirection.ToIntegrationTable, s.Engine.GetMappings().Single(m => m.Name == "CUSTOMER").Direction);
    }

    [Fact]
    public void Changing_one_setting_is_checked_by_the_same_rules()
    {
        using var s = new SyncScenario();
        s.Engine.UpdateMapping("customer", m => m with { UpdateConflictResolution = UpdateConflictResolution.SendUpdateToIntegration });
        Assert.Equal(UpdateConflictResolution.SendUpdateToIntegration, s.Engine.Store.Mappings.Get("CUSTOMER").Definition.UpdateConflictResolution);

        // The No field is ToIntegrationTable: a FromIntegrationTable mapping cannot carry it.
        var e = Assert.Throws<ConfigurationException>(() => s.Engine.UpdateMapping("CUSTOMER", m => m with { Direction = SyncDirection.FromIntegrationTable }));
        Assert.Contains("CUSTOMER", e.Message);
        Assert.Equal(SyncDirection.Bidirectional, s.Engine.Store.Mappings.Get("CUSTOMER").Definition.Direction);
    }

    [Fact]
    public void Placeholders_are_stored_unresolved_and_a_missing_variable_fails_the_job_without_revealing_anything()
    {
        using var s = new SyncScenario();
        var path = s.Directory.File("secret.yaml");
        File.WriteAllText(path, $$"""
            connections:
              vault: { provider: sqlite, connectionString: "Data Source=${env:SYNCADMIN_TEST_NOT_SET_DB}" }
            mappings:
              - name: SECRET
                table:            { connection: vault, name: Customer, key: No, modifiedOn: LastModifiedAt }
                integrationTable: { connection: crm, name: account, key: accountid, modifiedOn: modifiedon }
                direction: ToIntegrationTable
                fields:
                  - { field: Name, integrationField: name }
            """);
        s.Engine.ImportMappings(path);

        Assert.Equal("Data Source=${env:SYNCADMIN_TEST_NOT_SET_DB}", s.Engine.Store.Mappings.FindConnection("vault")!.ConnectionString);
        var job = s.Engine.Run(new SyncAdmin.Engine.Sync.RunRequest { Mappings = new[] { "SECRET" } }).Single();
        Assert.Equal(SyncAdmin.Engine.State.JobStatus.Failed, job.Status);
        Assert.Contains("SYNCADMIN_TEST_NOT_SET_DB", job.Message);
    }

    [Fact]
    public void Schema_validation_names_missing_columns_type_mismatches_and_unsafe_inserts()
    {
        using var s = new SyncScenario(crmSchema: """
            CREATE TABLE transactioncurrency(transactioncurrencyid TEXT PRIMARY KEY, isocurrencycode TEXT, currencyname TEXT, modifiedon INTEGER);
            CREATE TABLE account(accountid INTEGER PRIMARY KEY, accountnumber TEXT, name TEXT, emailaddress1 BLOB, transactioncurrencyid TEXT,
                                 creditlimit REAL, customertypecode INTEGER, modifiedon TEXT);
            """);

        var problems = s.Engine.ValidateSchema("CUSTOMER");

        Assert.Contains(problems, p => p.Contains("'telephone1' is not a column of account"));
        Assert.Empty(s.Engine.ValidateSchema("CURRENCY"));

        s.Crm.Execute("ALTER TABLE account ADD COLUMN telephone1 TEXT");
        problems = s.Engine.ValidateSchema("CUSTOMER");
        Assert.Contains(problems, p => p.Contains("Email (Text) cannot be written to emailaddress1 (Binary)") || p.Contains("emailaddress1 (Binary) cannot be written to Email"));
        Assert.Contains(problems, p => p.Contains("not crash-safe"));
    }
}
