using Microsoft.Data.Sqlite;
using SQLitePCL;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Sync;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.State;

/// <summary>A run's cost must follow what changed, not the size of the store: every statement a run sends to the store
/// is answered through an index, never by a scan of the couplings (a 1,000,000-coupling store made one such scan cost a
/// second per run). The statements are taken from the store connection as they run, in every kind of pass, and each
/// one's plan is asked of SQLite.</summary>
public class StorePlanTests
{
    private static readonly HashSet<string> Statements = new(StringComparer.Ordinal);

    /// <summary>SQLite's trace gives each statement as run, parameters written in as literals: EXPLAIN takes it as is.</summary>
    private static void Trace(object user, string sql)
    {
        lock (Statements) Statements.Add(sql);
    }

    [Fact]
    public void No_statement_of_a_run_scans_the_couplings()
    {
        using var s = new SyncScenario("batchSize: 4");
        for (var i = 0; i < 20; i++) s.AddCustomer($"1{i:D4}", "C" + i);
        s.Run();
        s.Run(); // a From pass meets the echoes of the first run's inserts

        var handle = ((SqliteConnection)s.Engine.Store.Connection).Handle!;
        Statements.Clear();
        raw.sqlite3_trace(handle, Trace, null);
        try
        {
            for (var i = 0; i < 6; i++) s.EditCustomer($"1{i:D4}", ("Name", "Local " + i));
            for (var i = 4; i < 10; i++) s.EditAccount(s.AccountId($"1{i:D4}"), ("name", "Crm " + i)); // 4 and 5: conflicts
            s.AddCustomer("19999", "New");
            s.Run();
            s.Run(new RunRequest { Mappings = new[] { "CUSTOMER" }, Direction = SyncDirection.ToIntegrationTable, Full = true });
        }
        finally
        {
            raw.sqlite3_trace(handle, (strdelegate_trace?)null, null);
        }

        using var reader = new SqliteConnection($"Data Source={s.StorePath};Mode=ReadOnly;Pooling=False");
        reader.Open();
        var scans = new List<string>();
        foreach (var sql in Statements.Where(q => q.Contains("couplings", StringComparison.Ordinal)))
        {
            using var explain = reader.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
            using var plan = explain.ExecuteReader();
            while (plan.Read())
                if (plan.GetString(3).StartsWith("SCAN couplings", StringComparison.Ordinal)) scans.Add($"{plan.GetString(3)}: {sql}");
        }
        Assert.True(Statements.Count(q => q.Contains("couplings", StringComparison.Ordinal)) >= 5, string.Join("\n", Statements));
        Assert.True(scans.Count == 0, string.Join("\n\n", scans));
    }
}
