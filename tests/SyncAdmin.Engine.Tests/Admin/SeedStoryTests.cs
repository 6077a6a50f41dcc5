using SyncAdmin.Engine.Admin;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.Admin;

/// <summary>The stories of the "Troubleshooting Synchronization Errors" page, end to end.</summary>
public class SeedStoryTests
{
    private const SyncDirection To = SyncDirection.ToIntegrationTable;

    private static SyncScenario AccountDeletedInCrmThenCustomerSynchronized()
    {
        var s = new SyncScenario();
        s.AddCustomer("10000", "Adatum");
        s.Run();
        s.Crm.Execute("DELETE FROM account");
        s.EditCustomer("10000", ("Phone", "555-0100"));
        var first = SyncScenario.Job(s.Run(), "CUSTOMER", To);
        Assert.Equal(1, first.Failed);                       // error
        Assert.Empty(s.Engine.Skipped.List());
        s.Run();
        Assert.Single(s.Engine.Skipped.List());              // skipped after a repeat
        return s;
    }

    [Fact]
    public void Record_deleted_in_one_app_then_restored()
    {
        using var s = AccountDeletedInCrmThenCustomerSynchronized();

        var job = s.Engine.Skipped.Resolve("CUSTOMER", "10000", null, SkippedResolution.Restore).Job;

        Assert.Equal(1, job!.Inserted);
        Assert.Equal("555-0100", s.Account("10000")!["telephone1"]);
        Assert.Empty(s.Engine.Skipped.List());
        Assert.Equal(0, s.Run().Sum(j => j.Failed + j.Skipped));
    }

    [Fact]
    public void Record_deleted_in_one_app_then_uncoupled()
    {
        using var s = AccountDeletedInCrmThenCustomerSynchronized();

        s.Engine.Skipped.Resolve("CUSTOMER", "10000", null, SkippedResolution.RemoveCoupling);

        Assert.Empty(s.Engine.Skipped.List());
        Assert.Empty(s.Engine.Couplings.List("CUSTOMER"));
    }

    [Fact]
    public void Same_customer_changed_on_both_sides_admin_keeps_the_erp_side()
    {
        using var s = new SyncScenario();
        s.AddCustomer("10000", "Adatum");
        s.Run();
        s.EditCustomer("10000", ("CreditLimit", 5000.0));
        s.EditAccount(s.AccountId("10000"), ("creditlimit", 7000.0));

        Assert.Equal(1, SyncScenario.Job(s.Run(), "CUSTOMER", To).Failed);    // conflict
        s.Run();
        var skipped = Assert.Single(s.Engine.Skipped.List());                 // skipped
        Assert.Equal(("5000", "7000"), (skipped.Fields.Single(f => f.Field == "CreditLimit").LocalValue,
            skipped.Fields.Single(f => f.Field == "CreditLimit").IntegrationValue));

        s.Engine.Skipped.Resolve("CUSTOMER", "10000", null, SkippedResolution.KeepLocal);  // keep ERP

        Assert.Equal(5000.0, s.Account("10000")!["creditlimit"]);                          // both equal
        Assert.Empty(s.Engine.Skipped.List());                                            // conflict gone
        s.EditCustomer("10000", ("CreditLimit", 6000.0));                                  // later edits flow again
        Assert.Equal(1, SyncScenario.Job(s.Run(), "CUSTOMER", To).Modified);
        Assert.Equal(6000.0, s.Account("10000")!["creditlimit"]);
    }

    [Fact]
    public void The_error_log_names_source_and_destination_of_each_failure()
    {
        using var s = AccountDeletedInCrmThenCustomerSynchronized();
        var error = s.Engine.GetErrors(new() { Mappings = new[] { "CUSTOMER" }, Newest = 1 }).Single();
        Assert.Equal("Customer 10000", error.Source);
        Assert.StartsWith("account ", error.Destination);
        Assert.Equal(To, error.Direction);
        Assert.NotNull(error.JobId);
    }
}
