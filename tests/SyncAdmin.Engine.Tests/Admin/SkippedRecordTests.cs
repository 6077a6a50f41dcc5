using SyncAdmin.Engine.Admin;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.Admin;

public class SkippedRecordTests
{
    private static SyncScenario WithSkippedConflict()
    {
        var s = new SyncScenario();
        s.AddCustomer("10000", "Adatum");
        s.AddCustomer("20000", "Trey");
        s.Run();
        s.EditCustomer("10000", ("Name", "Adatum ERP"));
        s.EditAccount(s.AccountId("10000"), ("name", "Adatum CRM"), ("telephone1", "555-CRM"));
        s.Run();
        s.Run();
        return s;
    }

    [Fact]
    public void Skipped_records_show_reason_last_error_and_base_local_integration_values_per_field()
    {
        using var s = WithSkippedConflict();

        var skipped = Assert.Single(s.Engine.Skipped.List());

        Assert.Equal("CUSTOMER", skipped.Mapping);
        Assert.Equal("10000", skipped.LocalKey);
        Assert.Contains("changed on both sides", skipped.Reason);
        Assert.NotNull(skipped.LastError);
        var name = skipped.Fields.Single(f => f.Field == "Name");
        Assert.Equal(("Adatum", "Adatum ERP", "Adatum", "Adatum CRM"), (name.BaseLocalValue, name.LocalValue, name.BaseIntegrationValue, name.IntegrationValue));
        Assert.True(name.LocalChanged && name.IntegrationChanged);
        var phone = skipped.Fields.Single(f => f.Field == "Phone");
        Assert.False(phone.LocalChanged);
        Assert.True(phone.IntegrationChanged);
    }

    [Fact]
    public void Keep_local_makes_both_sides_equal_clears_the_conflict_and_later_edits_flow_again()
    {
        using var s = WithSkippedConflict();

        var job = s.Engine.Skipped.Resolve("CUSTOMER", "10000", null, SkippedResolution.KeepLocal).Job;

        Assert.Equal(JobKind.Forced, job!.Kind);
        Assert.Equal("Adatum ERP", s.Account("10000")!["name"]);
        Assert.Equal("555-10000", s.Account("10000")!["telephone1"]);
        Assert.Empty(s.Engine.Skipped.List());
        var next = s.Run();
        Assert.Equal(0, next.Sum(j => j.Failed + j.Skipped + j.Modified));
        s.EditAccount(s.AccountId("10000"), ("name", "Later CRM edit"));
        s.Run();
        Assert.Equal("Later CRM edit", s.Customer("10000")!["Name"]);
    }

    [Fact]
    public void Keep_integration_overwrites_the_local_record()
    {
        using var s = WithSkippedConflict();
        s.Engine.Skipped.Resolve("CUSTOMER", null, s.AccountId("10000"), SkippedResolution.KeepIntegration);
        Assert.Equal(("Adatum CRM", "555-CRM"), ((string)s.Customer("10000")!["Name"]!, (string)s.Customer("10000")!["Phone"]!));
        Assert.Empty(s.Engine.Skipped.List());
    }

    [Fact]
    public void Retry_clears_the_flag_and_lets_the_next_run_decide()
    {
        using var s = WithSkippedConflict();
        s.EditAccount(s.AccountId("10000"), ("name", "Adatum ERP"), ("telephone1", "555-10000")); // CRM user fixes it by hand

        s.Engine.Skipped.Resolve("CUSTOMER", "10000", null, SkippedResolution.Retry);
        Assert.Empty(s.Engine.Skipped.List());
        var jobs = s.Run();

        Assert.Equal(0, jobs.Sum(j => j.Failed));
        Assert.False(s.Engine.Couplings.List("CUSTOMER", localKey: "10000").Single().Skipped);
    }

    [Fact]
    public void Remove_coupling_forgets_the_link_and_keeps_both_records()
    {
        using var s = WithSkippedConflict();
        s.Engine.Skipped.Resolve("CUSTOMER", "10000", null, SkippedResolution.RemoveCoupling);
        Assert.Empty(s.Engine.Couplings.List("CUSTOMER", localKey: "10000"));
        Assert.NotNull(s.Customer("10000"));
        Assert.NotNull(s.Account("10000"));
    }

    [Fact]
    public void Restore_of_two_existing_records_is_refused()
    {
        using var s = WithSkippedConflict();
        var e = Assert.Throws<InvalidOperationException>(() => s.Engine.Skipped.Resolve("CUSTOMER", "10000", null, SkippedResolution.Restore));
        Assert.Contains("nothing to restore", e.Message);
    }

    [Fact]
    public void Resolving_an_unknown_record_names_it()
    {
        using var s = WithSkippedConflict();
        var e = Assert.Throws<ArgumentException>(() => s.Engine.Skipped.Resolve("CUSTOMER", "77777", null, SkippedResolution.Retry));
        Assert.Contains("77777", e.Message);
    }
}
