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

/// <summary>Where the state store is: a SQLite file, or (later) a SQL Server database. Chosen by Connect-SyncStore for
/// the session, else by $env:SYNCADMIN_STORE so a runbook needs no Connect-SyncStore at all.</summary>
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
        if (!string.IsNullOrWhiteSpace(environmentValue)) return Sqlite(Path.GetFullPath(environmentValue.Trim()));
        throw new StoreNotConnectedException(
            $"No sync store is connected. Run Connect-SyncStore -Path <file> first, or set ${"env:"}{EnvironmentVariable} to the store's path.");
    }

    /// <summary>Opens the engine on this store, migrating its schema if it is older. Only Connect-SyncStore creates a store
    /// (<paramref name="create"/>): any other command given a wrong path must fail, not work on a new empty store.</summary>
    public SyncEngine Open(IReadOnlyDictionary<string, DatabaseCredential>? credentials, bool create = false) => Provider switch
    {
        StoreProvider.Sqlite when !create && !File.Exists(Target) => throw new StoreNotConnectedException(
            $"The sync store '{Target}' does not exist. Connect-SyncStore -Path creates a store."),
        StoreProvider.Sqlite => SyncEngine.Open(Target, new EngineOptions { Credentials = credentials }),
        _ => throw new StoreProviderNotSupportedException(
            "A state store on SQL Server is not supported by this version of the SyncAdmin engine yet; the store is SQLite only. " +
            "Use Connect-SyncStore -Path <file>. The databases being synchronized can be on SQL Server already."),
    };
}

internal sealed class StoreNotConnectedException : InvalidOperationException
{
    public StoreNotConnectedException(string message) : base(message) { }
}

internal sealed class StoreProviderNotSupportedException : NotSupportedException
{
    public StoreProviderNotSupportedException(string message) : base(message) { }
}
