using SyncAdmin.Engine.Admin;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.Admin;

/// <summary>Test-SyncSetup's checks against real SQLite databases: each seed mistake made for real and found.</summary>
public class SetupCheckTests
{
    private static SyncScenario Healthy()
    {
        var s = new SyncScenario();
        s.AddCurrency("EUR", "Euro");
        s.AddCustomer("10000", "Adatum", currency: "EUR");
        s.Run();
        return s;
    }

    private static List<SetupCheckResult> Check(SyncScenario s, params string[] mappings) => s.Engine.Setup.Run(mappings).ToList();

    [Fact]
    public void A_healthy_setup_passes_every_check_and_writes_nothing()
    {
        using var s = Healthy();
        var before = (s.Erp.Count("Customer"), s.Crm.Count("account"), s.Crm.Count("transactioncurrency"));

        var results = Check(s);

        Assert.All(results, r => Assert.True(r.Status == SetupCheckStatus.Passed, r.ToString()));
        var customer = results.Where(r => r.Mapping == "CUSTOMER").ToList();
        foreach (var kind in new[] { SetupCheckKind.Connection, SetupCheckKind.File, SetupCheckKind.Read, SetupCheckKind.Write, SetupCheckKind.Index, SetupCheckKind.Clock })
            Assert.Equal(new[] { "Customer", "account" }, customer.Where(r => r.Check == kind).Select(r => r.Table));
        Assert.Single(customer, r => r.Check == SetupCheckKind.Schema);
        Assert.Equal(2, customer.Count(r => r.Check == SetupCheckKind.Lookup)); // the currency flows both ways
        // CURRENCY only writes the CRM side: only that side is probed for writing.
        Assert.Equal(new[] { "transactioncurrency" }, results.Where(r => r.Mapping == "CURRENCY" && r.Check == SetupCheckKind.Write).Select(r => r.Table));
        Assert.Equal(before, (s.Erp.Count("Customer"), s.Crm.Count("account"), s.Crm.Count("transactioncurrency")));
        Assert.Empty(Directory.GetFiles(s.Directory.Path, ".syncadmin-probe-*"));
    }

    [Theory]
    [InlineData(null, SetupCheckStatus.Failed)]
    [InlineData("clearValueOnFailedSync: true", SetupCheckStatus.Warning)]
    public void Lookup_values_not_coupled_are_counted_and_told_apart_from_values_that_do_not_exist(string? lookupOptions, SetupCheckStatus expected)
    {
        using var s = new SyncScenario(lookupOptions: lookupOptions);
        s.AddCurrency("EUR", "Euro");
        s.Run(new() { Mappings = new[] { "CURRENCY" } });
        s.AddCurrency("USD", "US dollar"); // exists, not coupled yet
        s.AddCustomer("10000", "Adatum", currency: "EUR");
        s.AddCustomer("20000", "Trey", currency: "USD");
        s.AddCustomer("30000", "School", currency: "USD");
        s.AddCustomer("40000", "Fabrikam", currency: "XXX"); // exists nowhere

        var lookup = Check(s, "CUSTOMER").Single(r => r.Check == SetupCheckKind.Lookup && r.Table == "Customer");

        Assert.Equal(expected, lookup.Status);
        Assert.Contains("2 value(s) of Customer.CurrencyCode (through mapping CURRENCY) are not coupled", lookup.Message);
        Assert.Contains("1 exist in Currency but are not coupled ('USD'): run mapping CURRENCY first", lookup.Message);
        Assert.Contains("1 do not exist in Currency at all ('XXX')", lookup.Message);
        Assert.Equal(new[] { "not coupled: USD", "does not exist: XXX" }, lookup.Details);
    }

    [Fact]
    public void Many_values_not_coupled_are_listed_ten_in_the_message_and_all_in_the_details()
    {
        using var s = new SyncScenario();
        for (var i = 0; i < 25; i++) s.AddCustomer($"{10000 + i}", "C" + i, currency: $"C{i:00}");

        var lookup = Check(s, "CUSTOMER").Single(r => r.Check == SetupCheckKind.Lookup && r.Table == "Customer");

        Assert.Contains("'C09', … 15 more", lookup.Message);
        Assert.Equal(25, lookup.Details.Count);
    }

    [Fact]
    public void A_missing_environment_variable_fails_the_credential_check_by_name_and_the_side_goes_no_further()
    {
        using var s = new SyncScenario(mappings: SyncScenario.Mappings.Replace("Data Source={crm}", "Data Source=${env:SYNCADMIN_TEST_NOT_SET_7F3}"));

        var results = Check(s, "CUSTOMER");

        var credential = Assert.Single(results, r => r.Connection == "crm");
        Assert.Equal((SetupCheckKind.Credential, SetupCheckStatus.Failed), (credential.Check, credential.Status));
        Assert.Contains("'SYNCADMIN_TEST_NOT_SET_7F3'", credential.Message);
        Assert.DoesNotContain(results, r => r.Check is SetupCheckKind.Schema or SetupCheckKind.Lookup);
        Assert.Contains(results, r => r.Connection == "erp" && r.Check == SetupCheckKind.Read && r.Status == SetupCheckStatus.Passed);
    }

    [Fact]
    public void A_database_that_cannot_be_opened_fails_the_connection_check_with_the_reason()
    {
        using var s = Healthy();
        File.Delete(s.Crm.Path);

        var connection = Check(s, "CUSTOMER").Single(r => r.Connection == "crm");

        Assert.Equal((SetupCheckKind.Connection, SetupCheckStatus.Failed), (connection.Check, connection.Status));
        Assert.Contains("Cannot open connection 'crm'", connection.Message);
        Assert.Contains(Path.GetFileName(s.Crm.Path), connection.Message);
    }

    [Fact]
    public void A_read_only_connection_fails_the_write_probe_with_the_database_reason()
    {
        using var s = new SyncScenario(mappings: SyncScenario.Mappings.Replace("Data Source={crm}", "Data Source={crm};Mode=ReadOnly"));

        var results = Check(s, "CUSTOMER");

        Assert.Equal(SetupCheckStatus.Passed, results.Single(r => r.Table == "account" && r.Check == SetupCheckKind.Read).Status);
        var write = results.Single(r => r.Table == "account" && r.Check == SetupCheckKind.Write);
        Assert.Equal(SetupCheckStatus.Failed, write.Status);
        Assert.Contains("account cannot be written through connection 'crm'", write.Message);
        Assert.Contains("readonly", write.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(SetupCheckStatus.Passed, results.Single(r => r.Table == "Customer" && r.Check == SetupCheckKind.Write).Status);
    }

    [ImmutableFileFact]
    public void An_immutable_database_file_fails_the_file_and_write_checks_of_a_written_side()
    {
        using var s = Healthy();
        using (new ImmutableFile(s.Crm.Path))
        {
            var results = Check(s, "CUSTOMER");

            var file = results.Single(r => r.Table == "account" && r.Check == SetupCheckKind.File);
            Assert.Equal(SetupCheckStatus.Failed, file.Status);
            Assert.Contains($"the file '{s.Crm.Path}' cannot be written", file.Message);
            Assert.Equal(SetupCheckStatus.Failed, results.Single(r => r.Table == "account" && r.Check == SetupCheckKind.Write).Status);
            Assert.Equal(SetupCheckStatus.Passed, results.Single(r => r.Table == "Customer" && r.Check == SetupCheckKind.File).Status);
        }
    }

    [Fact]
    public void Every_missing_column_is_listed_not_only_the_first()
    {
        var crm = SyncScenario.CrmSchema.Replace("emailaddress1 TEXT, telephone1 TEXT,", "");
        using var s = new SyncScenario(crmSchema: crm);

        var schema = Check(s, "CUSTOMER").Where(r => r.Check == SetupCheckKind.Schema).ToList();

        Assert.All(schema, r => Assert.Equal(SetupCheckStatus.Failed, r.Status));
        Assert.Contains(schema, r => r.Message.Contains("'emailaddress1'"));
        Assert.Contains(schema, r => r.Message.Contains("'telephone1'"));
    }

    [Fact]
    public void A_large_table_without_an_index_on_its_modified_on_or_matchOn_column_warns_and_a_small_one_does_not()
    {
        var erp = SyncScenario.ErpSchema.Replace("CREATE INDEX ix_customer_modified ON Customer(LastModifiedAt, No);", "");
        using var s = new SyncScenario("matchOn: [{ field: Email, integrationField: emailaddress1 }]", erpSchema: erp);
        s.Erp.Execute($"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {SetupChecks.LargeTableRows})
            INSERT INTO Customer(No, Name, Email, LastModifiedAt) SELECT 'C' || i, 'Name ' || i, 'c' || i || '@example.com', '2026-01-01T00:00:00.000Z' FROM n
            """);

        var index = Check(s, "CUSTOMER").Where(r => r.Check == SetupCheckKind.Index).ToList();

        var customer = index.Single(r => r.Table == "Customer");
        Assert.Equal(SetupCheckStatus.Warning, customer.Status);
        Assert.Contains("Customer has 100,000 rows and no index leads with LastModifiedAt, Email", customer.Message);
        var account = index.Single(r => r.Table == "account");
        Assert.Equal(SetupCheckStatus.Passed, account.Status);
        Assert.Contains("no index leads with emailaddress1, which matters from 100,000 rows", account.Message);
    }

    [Fact]
    public void A_watermark_ahead_of_the_database_clock_warns_and_names_the_parameter_that_moves_it()
    {
        using var s = Healthy();
        s.Engine.Store.Mappings.SetWatermark("CUSTOMER", Side.Integration, DateTime.UtcNow.AddDays(2));

        var clock = Check(s, "CUSTOMER").Where(r => r.Check == SetupCheckKind.Clock).ToList();

        var account = clock.Single(r => r.Table == "account");
        Assert.Equal(SetupCheckStatus.Warning, account.Status);
        Assert.Contains("is ahead of the database's clock", account.Message);
        Assert.Contains("Set-IntegrationMapping -Name 'CUSTOMER' -IntegrationWatermark", account.Message);
        Assert.Equal(SetupCheckStatus.Passed, clock.Single(r => r.Table == "Customer").Status);
    }

    [Theory]
    [InlineData(true, false, false, null, SetupCheckStatus.Warning, "server administrator (sysadmin)", SetupCheckStatus.Passed)]
    [InlineData(false, true, false, 90, SetupCheckStatus.Warning, "owns the database (db_owner)", SetupCheckStatus.Passed)]
    [InlineData(false, false, true, 90, SetupCheckStatus.Passed, "is not an administrator", SetupCheckStatus.Failed)]
    [InlineData(false, false, false, 5, SetupCheckStatus.Passed, "is not an administrator", SetupCheckStatus.Warning)]
    [InlineData(false, false, false, 0, SetupCheckStatus.Passed, "is not an administrator", SetupCheckStatus.Failed)]
    [InlineData(false, false, null, null, SetupCheckStatus.Passed, "is not an administrator", SetupCheckStatus.Passed)]
    public void The_seeds_account_mistakes_are_judged(bool sysadmin, bool owner, bool? mustChange, int? days,
        SetupCheckStatus accountStatus, string accountText, SetupCheckStatus passwordStatus)
    {
        var results = SetupChecks.Judge(new DatabaseAccount("sync", sysadmin, owner, mustChange, days)).ToList();

        Assert.Equal((SetupCheckKind.Account, accountStatus), (results[0].Kind, results[0].Status));
        Assert.Contains(accountText, results[0].Message);
        Assert.Equal((SetupCheckKind.Password, passwordStatus), (results[1].Kind, results[1].Status));
    }

    [Fact]
    public void Missing_permissions_fail_only_where_the_mapping_needs_them()
    {
        var written = SetupChecks.Judge(new[] { "UPDATE", "DELETE" }, "dbo.Customer", writes: true);
        Assert.Equal(SetupCheckStatus.Failed, written.Status);
        Assert.Contains("GRANT UPDATE, DELETE ON dbo.Customer", written.Message);
        Assert.Equal(SetupCheckStatus.Passed, SetupChecks.Judge(new[] { "INSERT" }, "dbo.Customer", writes: false).Status);
        Assert.Equal(SetupCheckStatus.Failed, SetupChecks.Judge(new[] { "SELECT" }, "dbo.Customer", writes: false).Status);
    }
}
