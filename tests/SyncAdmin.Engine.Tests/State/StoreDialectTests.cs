using SyncAdmin.Engine.State;

namespace SyncAdmin.Engine.Tests.State;

/// <summary>The SQL each store dialect sends where the two databases differ (SQL Server runs only where a server is configured).</summary>
public class StoreDialectTests
{
    [Fact]
    public void Inserts_return_the_new_id_in_each_dialect()
    {
        var columns = new[] { "mapping", "message" };
        Assert.Equal("INSERT INTO errors(mapping, message) VALUES (@mapping, @message) RETURNING id",
            SqliteStoreDialect.Instance.InsertReturningId("errors", columns));
        Assert.Equal("INSERT INTO errors(mapping, message) OUTPUT INSERTED.id VALUES (@mapping, @message)",
            SqlServerStoreDialect.Instance.InsertReturningId("errors", columns));
    }

    [Fact]
    public void Limits_follow_the_order_by_in_each_dialect()
    {
        Assert.Equal(" LIMIT 100", SqliteStoreDialect.Instance.Limit(100));
        Assert.Equal(" OFFSET 0 ROWS FETCH NEXT 100 ROWS ONLY", SqlServerStoreDialect.Instance.Limit(100));
    }

    [Fact]
    public void Both_schemas_have_the_same_steps_tables_and_indexes()
    {
        Assert.Equal(StoreMigrations.Sqlite.Count, StoreMigrations.SqlServer.Count);
        for (var step = 0; step < StoreMigrations.Sqlite.Count; step++)
            Assert.Equal(Objects(StoreMigrations.Sqlite[step]), Objects(StoreMigrations.SqlServer[step]));
        // SQL Server cannot index NVARCHAR(MAX): every indexed text column there has a bounded length.
        Assert.DoesNotContain("local_key NVARCHAR(MAX)", StoreMigrations.SqlServer[0]);
        Assert.Contains("pending NVARCHAR(400)", StoreMigrations.SqlServer[0]);
    }

    [Fact]
    public void A_sql_server_store_is_described_without_its_password()
    {
        var description = SqlServerStoreDialect.Instance.Describe("Server=db1;Database=Sync;User ID=sync;Password=Secret123!");
        Assert.Equal("SQL Server store (server 'db1', database 'Sync')", description);
        Assert.DoesNotContain("Secret123!", description);
    }

    private static List<string> Objects(string ddl) =>
        System.Text.RegularExpressions.Regex.Matches(ddl, @"CREATE (?:UNIQUE )?(?:TABLE|INDEX) (\w+)").Select(m => m.Groups[1].Value).ToList();
}
