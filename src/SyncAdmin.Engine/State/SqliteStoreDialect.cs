using System.Data.Common;
using Microsoft.Data.Sqlite;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.Providers.Sqlite;

namespace SyncAdmin.Engine.State;

/// <summary>The embedded default: a SQLite file in WAL mode with a busy timeout, so several processes can share it.</summary>
public sealed class SqliteStoreDialect : StoreDialect
{
    public static readonly SqliteStoreDialect Instance = new();

    public override string Name => "SQLite";

    public override bool TakesKeyLists => true;

    public override IReadOnlyList<string> Migrations => StoreMigrations.Sqlite;

    public override DbConnection Connect(string location)
    {
        SqliteLibrary.EnsureLoaded();
        var full = Path.GetFullPath(location);
        var directory = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        return new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
    }

    public override void Prepare(DbConnection connection)
    {
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
        pragma.ExecuteNonQuery();
    }

    /// <summary>WAL with synchronous = NORMAL may lose the last commits on a power loss (never corrupt the file). An
    /// intent must survive that before its destination write is made, or the write would be redone as a duplicate: its
    /// commit is FULL (the WAL is synced), the others stay NORMAL.</summary>
    public override void SetDurable(DbConnection connection, bool durable)
    {
        using var pragma = connection.CreateCommand();
        pragma.CommandText = durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL";
        pragma.ExecuteNonQuery();
    }

    public override string VersionTableExists => "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'store_version'";

    public override string InsertReturningId(string table, IReadOnlyList<string> columns) =>
        $"INSERT INTO {table}({string.Join(", ", columns)}) VALUES ({Values(columns)}) RETURNING id";

    public override string Limit(int count) => $" LIMIT {count}";

    internal override StoreWrite PrepareWrite(DbConnection connection, string sql, IReadOnlyList<string> names, int[] columns, bool returnsId) =>
        new(new SqliteWrite((SqliteConnection)connection, sql, names), columns, returnsId);

    public override bool IsUniqueViolation(DbException exception) => exception is SqliteException { SqliteErrorCode: 19 };

    public override string Describe(string location) => $"SQLite store '{Path.GetFullPath(location)}'";
}
