using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.Sync;

/// <summary>Rows that cannot be read as they are — a modified-on that is not a time, a key of the wrong type, text that is
/// not text — fail alone, each logged with its table and key; the rest of the page and of the job goes on, and nothing
/// arrives changed (no U+FFFD where bytes were, no base64 where a blob was).</summary>
public class UnreadableRowTests
{
    private const SyncDirection To = SyncDirection.ToIntegrationTable;
    private const SyncDirection From = SyncDirection.FromIntegrationTable;

    private static void AddGoodCustomers(SyncScenario s, int count, int from = 1)
    {
        for (var i = from; i < from + count; i++) s.AddCustomer($"G{i:000}", "Good " + i);
    }

    [Theory]
    [InlineData("'not-a-date'")]
    [InlineData("''")]
    [InlineData("'2026-13-45T99:99:99Z'")]
    [InlineData("X'00FF'")]
    [InlineData("'  '")]
    [InlineData("'9999999999999999999999'")]
    public void A_modified_on_that_is_not_a_time_fails_that_row_and_the_page_goes_on(string badStamp)
    {
        using var s = new SyncScenario("batchSize: 3");
        AddGoodCustomers(s, 7);
        s.Erp.Execute($"INSERT INTO Customer(No, Name, Blocked, LastModifiedAt) VALUES ('BAD1', 'Bad stamp', 0, {badStamp})");

        var job = SyncScenario.Job(s.Run(), "CUSTOMER", To);

        Assert.Equal(JobStatus.Succeeded, job.Status);
        Assert.Equal((7, 1), (job.Inserted, job.Failed));
        var error = s.Engine.GetErrors(new ErrorQuery { JobId = job.Id }).Single();
        Assert.Equal(("Customer", "BAD1"), (error.SourceTable, error.SourceKey));
        Assert.Contains("modified-on value", error.Message);
        Assert.Contains("table 'Customer' in connection 'erp'", error.Message);
        Assert.Null(s.Account("BAD1"));
        Assert.Equal(7, s.Crm.Count("account"));
    }

    [Theory]
    [InlineData("'not-a-guid'")]
    [InlineData("'1234'")]
    [InlineData("X'0102'")]
    [InlineData("42")]
    public void An_integration_key_that_is_not_a_GUID_fails_that_row_and_the_page_goes_on(string badKey)
    {
        using var s = new SyncScenario("batchSize: 2");
        AddGoodCustomers(s, 3);
        s.Run();
        s.Crm.Execute($"INSERT INTO account(accountid, accountnumber, name, modifiedon) VALUES ({badKey}, 'X1', 'Bad key', '{DateTime.UtcNow:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}')");
        s.Crm.Execute($"INSERT INTO account(accountid, accountnumber, name, modifiedon) VALUES ('{Guid.NewGuid()}', 'X2', 'Good', '{DateTime.UtcNow:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}')");

        var job = SyncScenario.Job(s.Run(), "CUSTOMER", From);

        Assert.Equal(JobStatus.Succeeded, job.Status);
        Assert.Equal((1, 1), (job.Inserted, job.Failed));
        var error = s.Engine.GetErrors(new ErrorQuery { JobId = job.Id }).Single();
        Assert.Equal("account", error.SourceTable);
        Assert.Contains("is not a Guid value", error.Message);
        Assert.Equal(4L, s.Erp.Count("Customer"));
    }

    [Fact]
    public void A_local_text_key_that_is_binary_fails_that_row()
    {
        using var s = new SyncScenario();
        AddGoodCustomers(s, 2);
        s.Erp.Execute($"INSERT INTO Customer(No, Name, Blocked, LastModifiedAt) VALUES (X'FF00', 'Blob key', 0, '{DateTime.UtcNow:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}')");

        var job = SyncScenario.Job(s.Run(), "CUSTOMER", To);

        Assert.Equal((JobStatus.Succeeded, 2, 1), (job.Status, job.Inserted, job.Failed));
    }

    [Theory]
    [InlineData("CAST(X'41FF42' AS TEXT)", "not valid UTF-8")]
    [InlineData("CAST(X'C328' AS TEXT)", "not valid UTF-8")]
    [InlineData("CAST(X'EDA080' AS TEXT)", "not valid UTF-8")]
    [InlineData("X'00010203'", "binary data (4 bytes), not text")]
    public void Text_that_cannot_be_carried_unchanged_fails_the_record_with_the_reason(string storedName, string reason)
    {
        using var s = new SyncScenario();
        AddGoodCustomers(s, 2);
        s.Erp.Execute($"INSERT INTO Customer(No, Name, Blocked, LastModifiedAt) VALUES ('BAD', {storedName}, 0, '{DateTime.UtcNow:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}')");

        var job = SyncScenario.Job(s.Run(), "CUSTOMER", To);

        Assert.Equal((JobStatus.Succeeded, 2, 1), (job.Status, job.Inserted, job.Failed));
        var error = s.Engine.GetErrors(new ErrorQuery { JobId = job.Id }).Single();
        Assert.Equal("BAD", error.SourceKey);
        Assert.Contains($"column 'Name' is {reason}", error.Message);
        Assert.Null(s.Account("BAD"));
    }

    [Fact]
    public void A_real_replacement_character_and_other_unicode_travel_unchanged()
    {
        using var s = new SyncScenario();
        const string name = "Caf\u00e9 \uFFFD \U0001F600 \u200B z\u0301 \u4E2D\u6587";
        s.AddCustomer("U1", name);

        var job = SyncScenario.Job(s.Run(), "CUSTOMER", To);

        Assert.Equal((1, 0), (job.Inserted, job.Failed));
        Assert.Equal(name, s.Account("U1")!["name"]);
    }
}
