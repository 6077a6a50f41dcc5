using System.Data.Common;
using Microsoft.Data.SqlClient;
using SyncAdmin.Engine.Configuration;

namespace SyncAdmin.Engine.Providers.SqlServer;

/// <summary>SQL Server: [bracketed] names with an optional schema part, TOP, OUTPUT … INTO for assigned keys,
/// and a savepoint per write so a record's failure undoes only its own statement.</summary>
public sealed class SqlServerDialect : SqlDialect
{
    public static readonly SqlServerDialect Instance = new();

    public override string IndexLeadingColumns => """
        SELECT c.name FROM sys.indexes AS i
        JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id AND ic.key_ordinal = 1
        JOIN sys.columns AS c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
        WHERE i.object_id = OBJECT_ID(@table)
        """;

    public override string UtcNow => "SELECT SYSUTCDATETIME()";

    // OBJECT_ID and HAS_PERMS_BY_NAME parse the name: quoted, a "$" or "-" in a Business Central table name is safe.
    public override string InspectedTableName(string table) => QuoteTable(table);

    // The seeds' setup mistakes: an administrator used as the integration user, a password that must change at sign-in.
    // LOGINPROPERTY is null for Windows logins and contained users.
    public override string AccountQuery => """
        SELECT SUSER_SNAME(), IS_SRVROLEMEMBER('sysadmin'), IS_MEMBER('db_owner'),
               CAST(LOGINPROPERTY(SUSER_SNAME(), 'IsMustChange') AS int),
               CAST(LOGINPROPERTY(SUSER_SNAME(), 'DaysUntilExpiration') AS int)
        """;

    public override string PermissionQuery => """
        SELECT HAS_PERMS_BY_NAME(@table, 'OBJECT', 'SELECT'), HAS_PERMS_BY_NAME(@table, 'OBJECT', 'INSERT'),
               HAS_PERMS_BY_NAME(@table, 'OBJECT', 'UPDATE'), HAS_PERMS_BY_NAME(@table, 'OBJECT', 'DELETE')
        """;

    private const string Savepoint = "syncadmin_statement";

    /// <summary>Errors caused by the record's data: duplicate key (2627, 2601), foreign key or check (547), null into
    /// NOT NULL (515), truncation (8152, 2628), conversion and arithmetic overflow (245, 8114, 8115, 220, 232, 241, 242, 517).</summary>
    private static readonly HashSet<int> RecordErrors = new() { 2627, 2601, 547, 515, 8152, 2628, 245, 8114, 8115, 220, 232, 241, 242, 517 };

    private SqlServerDialect() { }

    public override ProviderKind Kind => ProviderKind.SqlServer;
    public override string DisplayName => "SQL Server";

    protected override string QuotePart(string part) => "[" + part.Replace("]", "]]") + "]";

    /// <summary>A table name may carry its schema: <c>dbo.Customer</c>.</summary>
    public override void ValidateTableName(string name)
    {
        var parts = (name ?? "").Split('.');
        if (parts.Length > 2) throw Invalid(name, "a table name has at most two parts, schema.table");
        foreach (var part in parts) ValidatePart(part, name!);
    }

    public override string QuoteTable(string name)
    {
        ValidateTableName(name);
        return string.Join(".", name.Split('.').Select(QuotePart));
    }

    protected override string SelectLimited(string columns, string table, IReadOnlyList<string> where, string? orderBy, string limit) =>
        $"SELECT TOP ({limit}) {columns} FROM {table}{Where(where)}{(orderBy is null ? "" : " ORDER BY " + orderBy)}";

    /// <summary>OUTPUT goes INTO a table variable: a bare OUTPUT clause is refused on tables with triggers, and
    /// triggers that maintain a modified-on column are common.</summary>
    protected override string InsertStatement(string table, string? columns, string? values, string? returnedKey)
    {
        var output = returnedKey is null ? "" : $" OUTPUT INSERTED.{returnedKey} INTO @inserted";
        var insert = columns is null
            ? $"INSERT INTO {table}{output} DEFAULT VALUES"
            : $"INSERT INTO {table} {columns}{output} VALUES {values}";
        return returnedKey is null
            ? insert
            : $"DECLARE @inserted TABLE ([k] sql_variant); {insert}; SELECT [k] FROM @inserted;";
    }

    public override TableSchema ReadSchema(DbConnection connection, string table, string connectionName) =>
        SqlServerSchemaReader.Read(connection, table, QuoteTable(table))
        ?? throw new ConfigurationException($"Table '{table}' was not found in connection '{connectionName}'.");

    public override ColumnStorage StorageFor(ColumnSchema column, Func<object?>? sample = null) => new SqlServerColumnStorage(column);

    public override bool IsRecordError(DbException error) =>
        error is SqlException sql && sql.Errors.Cast<SqlError>().Any(e => RecordErrors.Contains(e.Number));

    public override void BeginStatement(DbTransaction transaction) => ((SqlTransaction)transaction).Save(Savepoint);

    /// <summary>Rolls back to the statement's savepoint; false when the server already ended the transaction
    /// (SqlClient then detaches it from the connection) or it can no longer be rolled back partly.</summary>
    public override bool UndoStatement(DbTransaction transaction)
    {
        if (transaction is not SqlTransaction { Connection: not null } sql) return false;
        try
        {
            sql.Rollback(Savepoint);
            return true;
        }
        catch (Exception e) when (e is SqlException or InvalidOperationException)
        {
            return false;
        }
    }
}
