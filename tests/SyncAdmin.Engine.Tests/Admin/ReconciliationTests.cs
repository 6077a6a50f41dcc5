using SyncAdmin.Engine.Admin;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.Admin;

/// <summary>Compare-SyncedRecord's engine: what incremental runs cannot see.</summary>
public class ReconciliationTests
{
    private const string MatchOnEmail = "matchOn: [{ field: Email, integrationField: emailaddress1 }]";

    private static List<ReconciliationFinding> Compare(SyncScenario s, ReconciliationScope scope = ReconciliationScope.All) =>
        s.Engine.Reconciliation.Compare("CUSTOMER", scope).ToList();

    [Fact]
    public void A_clean_pair_of_tables_has_no_findings()
    {
        using var s = new SyncScenario(MatchOnEmail);
        for (var i = 0; i < 30; i++) s.AddCustomer($"{10000 + i}", "C" + i);
        s.Run();
        Assert.Empty(Compare(s));
    }

    [Fact]
    public void A_change_without_a_new_modified_on_is_drift_on_that_side_and_a_normal_edit_is_not()
    {
        using var s = new SyncScenario();
        s.AddCustomer("10000", "Adatum");
        s.AddCustomer("20000", "Trey");
        s.AddCustomer("30000", "School");
        s.Run();
        s.Crm.Execute("UPDATE account SET name = 'Silent' WHERE accountnumber = '10000'"); // modifiedon untouched
        s.Erp.Execute("UPDATE Customer SET Phone = '000' WHERE No = '20000'");
        s.EditCustomer("30000", ("Name", "Seen by the next run"));

        var findings = Compare(s);

        Assert.Equal(2, findings.Count);
        var crm = findings.Single(f => f.LocalKey == "10000");
        Assert.Equal((ReconciliationKind.Drift, Side.Integration), (crm.Kind, crm.Side!.Value));
        Assert.Equal("Name", Assert.Single(crm.Fields).Field);
        Assert.Contains("account " + s.AccountId("10000") + " changed (Name)", crm.Message);
        var erp = findings.Single(f => f.LocalKey == "20000");
        Assert.Equal((ReconciliationKind.Drift, Side.Local), (erp.Kind, erp.Side!.Value));
        Assert.Equal("Phone", Assert.Single(erp.Fields).Field);

        // A forced run of the drifted records heals them.
        s.Engine.Run(new() { Mappings = new[] { "CUSTOMER" }, Direction = SyncDirection.ToIntegrationTable, Keys = new[] { "20000" } }).ToList();
        Assert.DoesNotContain(Compare(s), f => f.LocalKey == "20000");
    }

    [Fact]
    public void A_coupling_whose_record_is_gone_is_reported_with_the_side_that_went()
    {
        using var s = new SyncScenario();
        s.AddCustomer("10000", "Adatum");
        s.AddCustomer("20000", "Trey");
        s.Run();
        s.Crm.Execute("DELETE FROM account WHERE accountnumber = '10000'");
        s.Erp.Execute("DELETE FROM Customer WHERE No = '20000'");

        var findings = Compare(s, ReconciliationScope.Couplings);

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(ReconciliationKind.CounterpartGone, f.Kind));
        Assert.Equal(Side.Integration, findings.Single(f => f.LocalKey == "10000").Side);
        Assert.Equal(Side.Local, findings.Single(f => f.LocalKey == "20000").Side);
    }

    [Fact]
    public void Uncoupled_records_are_sorted_into_one_match_several_matches_and_no_match()
    {
        using var s = new SyncScenario(MatchOnEmail);
        void Account(string email, string name) => s.Crm.Insert("account", ("accountid", Guid.NewGuid().ToString()), ("name", name),
            ("emailaddress1", email), ("modifiedon", TestDatabase.Stamp(false)));
        s.AddCustomer("10000", "One", email: "one@example.com");
        Account("one@example.com", "One in CRM");
        s.AddCustomer("20000", "Several", email: "twice@example.com");
        Account("twice@example.com", "Twin 1");
        Account("twice@example.com", "Twin 2");
        s.AddCustomer("30000", "Rival A", email: "shared@example.com");
        s.AddCustomer("30001", "Rival B", email: "shared@example.com");
        Account("shared@example.com", "Shared");
        s.AddCustomer("40000", "Alone", email: "alone@example.com");
        Account("orphan@example.com", "Orphan in CRM");

        var findings = Compare(s, ReconciliationScope.Uncoupled);

        var one = Assert.Single(findings, f => f.Kind == ReconciliationKind.OneMatch);
        Assert.Equal("10000", one.LocalKey);
        Assert.Equal((string)s.Crm.Rows("account", "name = 'One in CRM'").Single()["accountid"]!, one.IntegrationKey);
        var several = findings.Single(f => f.LocalKey == "20000");
        Assert.Equal(ReconciliationKind.SeveralMatches, several.Kind);
        Assert.Equal(2, several.CandidateKeys.Count);
        Assert.All(new[] { "30000", "30001" }, k => Assert.Equal(ReconciliationKind.SeveralMatches, findings.Single(f => f.LocalKey == k).Kind));
        Assert.Equal(ReconciliationKind.NoMatch, findings.Single(f => f.LocalKey == "40000").Kind);
        var orphan = findings.Single(f => f.Side == Side.Integration && f.Kind == ReconciliationKind.NoMatch);
        Assert.Equal((string)s.Crm.Rows("account", "name = 'Orphan in CRM'").Single()["accountid"]!, orphan.IntegrationKey);
        // The one-to-one pair is reported once, not again from the CRM side.
        Assert.Single(findings, f => f.IntegrationKey == one.IntegrationKey);

        // Coupling the one match removes it from the next comparison.
        s.Engine.Couplings.Couple("CUSTOMER", one.LocalKey!, one.IntegrationKey!);
        Assert.DoesNotContain(Compare(s, ReconciliationScope.Uncoupled), f => f.LocalKey == "10000");
    }

    [Fact]
    public void Without_matchOn_every_uncoupled_record_is_no_match_and_records_outside_the_filter_are_not_compared()
    {
        using var s = new SyncScenario();
        s.AddCustomer("10000", "New");
        s.AddCustomer("20000", "Blocked", blocked: 1);

        var findings = Compare(s, ReconciliationScope.Uncoupled);

        var only = Assert.Single(findings);
        Assert.Equal(("10000", ReconciliationKind.NoMatch), (only.LocalKey, only.Kind));
        Assert.Contains("no matchOn", only.Message);
    }

    [Fact]
    public void Many_couplings_are_compared_page_by_page()
    {
        using var s = new SyncScenario("batchSize: 1000");
        s.Erp.Execute("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2345)
            INSERT INTO Customer(No, Name, Email, LastModifiedAt) SELECT 'C' || i, 'Name ' || i, 'c' || i || '@example.com', '2026-01-01T00:00:00.000Z' FROM n
            """);
        s.Run();
        s.Crm.Execute("UPDATE account SET name = 'Silent' WHERE accountnumber IN ('C7', 'C1500', 'C2345')");

        var progress = new List<string>();
        var findings = s.Engine.Reconciliation.Compare("CUSTOMER", ReconciliationScope.All, new Progress(progress)).ToList();

        Assert.Equal(new[] { "C1500", "C2345", "C7" }, findings.Select(f => f.LocalKey).Order(StringComparer.Ordinal));
        Assert.Contains("2,345 coupling(s) compared", progress);
    }

    private sealed class Progress(List<string> into) : IProgress<string>
    {
        public void Report(string value) => into.Add(value);
    }
}
