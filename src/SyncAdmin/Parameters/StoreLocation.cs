using System.Data.Common;
using SyncAdmin.Engine;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;

namespace SyncAdmin.Parameters;

public enum StoreProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>Where the state store is: a SQLite file, or a SQL Server database that runbook workers on several machines
/// share. Chosen by Connect-SyncStore for the session, else by $env:SYNCADMIN_STORE so a runbook needs no
/// Connect-SyncStore at all.</summary>
internal sealed record StoreLocation(StoreProvider Provider, string Target)
{
    public const string EnvironmentVariable = "SYNCADMIN_STORE";

    public static StoreLocation Sqlite(string fullPath) => new(StoreProvider.Sqlite, fullPath);

    /// <summary>What an admin may be shown: the path, or the connection string without its password.</summary>
    public string Display => Provider == StoreProvider.Sqlite ? Target : ConnectionStringPlaceholders.Redact(Target);

    /// <summary>The file a SQLite connection string names ("Data Source=store.db").</summary>
    public static string SqliteDataSource(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        foreach (var key in new[] { "Data Source", "DataSource", "Filename" })
            if (builder.TryGetValue(key, out var value) && value is string { Length: > 0 } path) return path;
        throw new ArgumentException("The SQLite connection string names no file (Data Source=...).");
    }

    /// <summary>The session's store if one was connected, else the environment's; a clear error when neither.</summary>
    public static StoreLocation Choose(StoreLocation? connected, string? environmentValue)
    {
        if (connected is not null) return connected;
        if (!string.IsNullOrWhiteSpace(environmentValue)) return FromEnvironment(environmentValue.Trim());
        throw new StoreNotConnectedException(
            $"No sync store is connected. Run Connect-SyncStore -Path <file> first, or set ${"env:"}{EnvironmentVariable} to the store's path.");
    }

    /// <summary>$env:SYNCADMIN_STORE holds a SQLite file's path, or a connection string: SQL Server's when it names a
    /// server or database (Server=, Database=, Initial Catalog=, ...), else SQLite's (Data Source=file).</summary>
    public static StoreLocation FromEnvironment(string value)
    {
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = value;
        }
        catch (ArgumentException)
        {
            return Sqlite(Path.GetFullPath(value)); // a path: no key=value pairs
        }
        if (builder.Count == 0) return Sqlite(Path.GetFullPath(value));
        var sqlServerKeys = new[] { "Server", "Address", "Addr", "Network Address", "Database", "Initial Catalog", "Integrated Security",
            "Trusted_Connection", "User ID", "UID", "Authentication" };
        return sqlServerKeys.Any(builder.ContainsKey)
            ? new StoreLocation(StoreProvider.SqlServer, value)
            : Sqlite(Path.GetFullPath(SqliteDataSource(value)));
    }

    /// <summary>Opens the engine on this store, migrating its schema if it is older. Only Connect-SyncStore creates a
    /// SQLite store (<paramref name="create"/>): any other command given a wrong path must fail, not work on a new empty
    /// store. A SQL Server store lives in a database that must exist; the engine creates or migrates its tables.</summary>
    public SyncEngine Open(IReadOnlyDictionary<string, DatabaseCredential>? credentials, bool create = false)
    {
        var options = new EngineOptions { Credentials = credentials, CreateStore = create };
        if (Provider == StoreProvider.SqlServer) return SyncEngine.OpenSqlServer(Target, options);
        if (!create && !File.Exists(Target))
            throw new StoreNotConnectedException($"There is no sync store at '{Target}'. To create a new, empty one, run Connect-SyncStore -Path '{Target}' -Create.");
        return SyncEngine.Open(Target, options);
    }
}

internal sealed class StoreNotConnectedException : InvalidOperationException
{
    public StoreNotConnectedException(string message) : base(message) { }
}

