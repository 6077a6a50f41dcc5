using System.Data.Common;
using Microsoft.Data.Sqlite;
using SyncAdmin.Engine.Configuration;

namespace SyncAdmin.Engine.Providers.Sqlite;

/// <summary>SQLite: "double-quoted" names, LIMIT, RETURNING (SQLite 3.35+), affinity-based types.</summary>
public sealed class SqliteDialect : SqlDialect
{
    public static readonly SqliteDialect Instance = new();

    // An INTEGER PRIMARY KEY is the rowid itself: indexed though no index lists it.
    public override string IndexLeadingColumns => """
        SELECT ii.name FROM pragma_index_list(@table) AS il, pragma_index_info(il.name) AS ii WHERE ii.seqno = 0
        UNION SELECT name FROM pragma_table_info(@table) WHERE pk = 1 AND upper(type) = 'INTEGER'
        """;

    public override bool TakesKeyLists => true;

    public override string UtcNow => "SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

    private const int SqliteTooBig = 18;
    private const int SqliteConstraint = 19;
    private const int SqliteMismatch = 20;

    private SqliteDialect() { }

    public override ProviderKind Kind => ProviderKind.Sqlite;
    public override string DisplayName => "SQLite";

    protected override string QuotePart(string part) => "\"" + part.Replace("\"", "\"\"") + "\"";

    protected override string SelectLimited(string columns, string table, IReadOnlyList<string> where, string? orderBy, string limit) =>
        $"SELECT {columns} FROM {table}{Where(where)}{(orderBy is null ? "" : " ORDER BY " + orderBy)} LIMIT {limit}";

    protected override string InsertStatement(string table, string? columns, string? values, string? returnedKey)
    {
        var insert = columns is null ? $"INSERT INTO {table} DEFAULT VALUES" : $"INSERT INTO {table} {columns} VALUES {values}";
        return returnedKey is null ? insert : $"{insert} RETURNING {returnedKey}";
    }

    public override TableSchema ReadSchema(DbConnection connection, string table, string connectionName)
    {
        ValidateTableName(table);
        return SqliteSchemaReader.Read(connection, table)
            ?? throw new ConfigurationException($"Table '{table}' was not found in connection '{connectionName}'.");
    }

    public override ColumnStorage StorageFor(ColumnSchema column, Func<object?>? sample = null) => new SqliteColumnStorage(column, sample);

    internal override PreparedWrite PrepareWrite(DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<(string Name, ColumnStorage Storage)> parameters) =>
        new SqliteWrite((SqliteConnection)connection, sql, parameters.Select(p => p.Name).ToList());

    /// <summary>Constraint violations (including RAISE(ABORT) in triggers), datatype mismatch and too-big values.</summary>
    public override bool IsRecordError(DbException error) =>
        error is SqliteException { SqliteErrorCode: SqliteConstraint or SqliteMismatch or SqliteTooBig };

    /// <summary>SQLite backs out the failed statement by itself; only an ON CONFLICT ROLLBACK clause ends the whole
    /// transaction, which shows as the connection being back in autocommit mode.</summary>
    public override bool UndoStatement(DbTransaction transaction) =>
        transaction.Connection is SqliteConnection { Handle: not null } connection
        && SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0;
}
