using System.Data.Common;
using SyncAdmin.Engine.Configuration;

namespace SyncAdmin.Engine.Providers;

/// <summary>How messages name the database behind a connection: its file or server and database as written in the mapping
/// file, placeholders unresolved (what an environment variable holds never reaches a log), never a password.</summary>
public static class ConnectionDisplay
{
    public static string Of(ConnectionDefinition definition)
    {
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = definition.ConnectionString;
        }
        catch (ArgumentException)
        {
            return definition.Provider == ProviderKind.Sqlite ? "a SQLite file" : "a SQL Server database";
        }
        string? Value(params string[] keys) =>
            keys.Select(k => builder.TryGetValue(k, out var v) ? v as string : null).FirstOrDefault(v => !string.IsNullOrEmpty(v));
        return definition.Provider == ProviderKind.Sqlite
            ? $"SQLite file '{Value("Data Source", "DataSource", "Filename") ?? "?"}'"
            : $"SQL Server '{Value("Server", "Data Source", "Address", "Addr", "Network Address") ?? "?"}', database " +
              $"'{Value("Database", "Initial Catalog") ?? "(default)"}'";
    }
}
