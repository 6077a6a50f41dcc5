using SyncAdmin.Engine.Sync;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.Sync;

public class TimeOrderedGuidTests
{
    [Fact]
    public void Keys_are_version_7_and_their_text_increases()
    {
        var keys = Enumerable.Range(0, 20_000).Select(_ => TimeOrderedGuid.NewGuid().ToString("D")).ToList();

        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.All(keys, k => Assert.Equal('7', k[14]));
        Assert.All(keys, k => Assert.Contains(k[19], "89ab"));
        Assert.Equal(keys.OrderBy(k => k, StringComparer.Ordinal), keys);
    }

    [Fact]
    public void The_key_starts_with_the_time_it_was_made()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var key = TimeOrderedGuid.NewGuid().ToString("N");
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var milliseconds = Convert.ToInt64(key[..12], 16);
        Assert.InRange(milliseconds, before, after + 1);
    }

    [Fact]
    public void Inserted_accounts_get_time_ordered_keys()
    {
        using var s = new SyncScenario();
        foreach (var no in new[] { "10000", "20000", "30000" }) s.AddCustomer(no, "Customer " + no);

        s.Run();

        var ids = new[] { "10000", "20000", "30000" }.Select(s.AccountId).ToList();
        Assert.All(ids, id => Assert.Equal('7', id[14]));
        Assert.Equal(ids.OrderBy(id => id, StringComparer.Ordinal), ids);
    }
}
