using System.Data.Common;
using Microsoft.Data.SqlClient;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers.SqlServer;

namespace SyncAdmin.Engine.State;

/// <summary>A store on SQL Server: the shared state that lets runbook workers on several machines run different
/// mappings against one set of couplings, watermarks and leases.</summary>
public sealed class SqlServerStoreDialect : StoreDialect
{
    public static readonly SqlServerStoreDialect Instance = new();

    public override string Name => "SQL Server";

    public override IReadOnlyList<string> Migrations => StoreMigrations.SqlServer;

    /// <summary><paramref name="location"/> is a connection string; <c>${env:NAME}</c> placeholders are resolved here.</summary>
    public override DbConnection Connect(string location)
    {
        var resolved = ConnectionStringPlaceholders.Resolve(location, "store");
        SqlConnectionStringBuilder builder;
        try
        {
            builder = new SqlConnectionStringBuilder(resolved);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            // Not the driver's message: it may quote what it could not read, the tail of a password with a ';' in it.
            throw new StoreUnavailableException(
                "The store's connection string does not parse (a keyword is not supported, or a value is not well formed). Check it; " +
                "a value that holds ';' or '=' must be quoted, e.g. Password=\"...\".", new FormatException("not shown"));
        }
        SqlServerSignIn.Check(builder, "The store's connection string");
        return new SqlConnection(builder.ConnectionString);
    }

    public override string VersionTableExists => "SELECT count(*) FROM sys.tables WHERE name = 'store_version'";

    public override string InsertReturningId(string table, IReadOnlyList<string> columns) =>
        $"INSERT INTO {table}({string.Join(", ", columns)}) OUTPUT INSERTED.id VALUES ({Values(columns)})";

    public override string Limit(int count) => $" OFFSET 0 ROWS FETCH NEXT {count} ROWS ONLY";

    // 2627: PRIMARY KEY / UNIQUE constraint; 2601: unique index.
    public override bool IsUniqueViolation(DbException exception) => exception is SqlException { Number: 2627 or 2601 };

    public override string Describe(string location)
    {
        try
        {
            var builder = new SqlConnectionStringBuilder(location);
            return $"SQL Server store (server '{builder.DataSource}', database '{builder.InitialCatalog}')";
        }
        catch (ArgumentException)
        {
            return "SQL Server store";
        }
    }
}
