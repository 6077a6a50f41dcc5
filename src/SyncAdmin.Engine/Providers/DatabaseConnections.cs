using System.Data;
using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers.Sqlite;
using SyncAdmin.Engine.Providers.SqlServer;

namespace SyncAdmin.Engine.Providers;

/// <summary>Opens the databases that mappings name, and tables in them. This is the only place where
/// <c>${env:NAME}</c> placeholders are resolved, so a resolved secret lives no longer than the connection object.</summary>
public static class DatabaseConnections
{
    /// <summary>How long SQLite waits for another writer's lock before giving up.</summary>
    public const int SqliteBusyTimeoutMilliseconds = 5000;

    /// <summary>Opens the connection. A SQLite file must already exist (unless the connection string sets Mode):
    /// a sync must not create an empty database where the real one is missing. The journal mode is left as it is.</summary>
    /// <param name="credential">Replaces User ID and Password (SQL Server only).</param>
    /// <param name="environment">Where placeholders are looked up; the process environment by default.</param>
    /// <exception cref="ConfigurationException">A placeholder's variable is not set, or a credential was given for SQLite.</exception>
    /// <exception cref="DatabaseConnectionException">The connection string is malformed or the database cannot be reached.</exception>
    public static DbConnection Open(ConnectionDefinition definition, DatabaseCredential? credential = null,
        Func<string, string?>? environment = null)
    {
        var resolved = ConnectionStringPlaceholders.Resolve(definition.ConnectionString, definition.Name, environment);
        var secrets = Passwords(resolved, credential);
        var placeholders = ConnectionStringPlaceholders.ResolvedValues(definition.ConnectionString, environment);
        DbConnection connection;
        var target = ConnectionDisplay.Of(definition);
        try
        {
            connection = Create(definition, resolved, credential);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            // The driver's message may quote a keyword or value it could not read, which can be the tail of a password
            // written with an unquoted ';' in it: it is not repeated.
            throw new DatabaseConnectionException(definition.Name,
                $"Connection '{definition.Name}' has a connection string that does not parse (a keyword is not supported, or a value is " +
                "not well formed). Check it; a value that holds ';' or '=' must be quoted, e.g. Password=\"...\".");
        }

        try
        {
            connection.Open();
            if (connection is SqliteConnection) SetBusyTimeout(connection);
            return connection;
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            connection.Dispose();
            throw Failure(definition, $"Cannot open connection '{definition.Name}' ({target}): {SqlServerSignIn.Explain(e)}", e, secrets, placeholders);
        }
    }

    /// <summary>Reads the table's schema and opens it for reading and writing the given columns (the key and modified-on
    /// columns are always included). The connection stays the caller's; disposing the table leaves it open.</summary>
    /// <exception cref="ConfigurationException">The table or a column does not exist, or a name is not a valid identifier.</exception>
    /// <param name="source">How messages name the database (<see cref="ConnectionDisplay"/>).</param>
    public static IRecordTable OpenTable(DbConnection connection, ProviderKind provider, TableDefinition table, IEnumerable<string> columns,
        string? source = null)
    {
        if (connection.State != ConnectionState.Open)
            throw new InvalidOperationException($"Connection '{table.Connection}' must be open to open table '{table.Name}'.");
        var dialect = SqlDialect.For(provider);
        dialect.ValidateTableName(table.Name);
        var schema = dialect.ReadSchema(connection, table.Name, table.Connection);
        return new DbRecordTable(connection, dialect, table, schema, columns) { Source = source };
    }

    private static DbConnection Create(ConnectionDefinition definition, string resolved, DatabaseCredential? credential)
    {
        switch (definition.Provider)
        {
            case ProviderKind.Sqlite:
                if (credential is not null)
                    throw new ConfigurationException($"Connection '{definition.Name}' is SQLite, which takes no user name or password.");
                SqliteLibrary.EnsureLoaded();
                var sqlite = new SqliteConnectionStringBuilder(resolved);
                if (!Mentions(resolved, "Mode")) sqlite.Mode = SqliteOpenMode.ReadWrite;
                // A pooled connection outlives the command that opened it and keeps the file it opened: after a database
                // file is replaced (restored from a backup, recreated), its writes fail as "readonly" (the file moved).
                // A run opens each database once, so pooling saves nothing worth that.
                if (!Mentions(resolved, "Pooling")) sqlite.Pooling = false;
                return new SqliteConnection(sqlite.ToString());

            case ProviderKind.SqlServer:
                var sql = new SqlConnectionStringBuilder(resolved);
                SqlServerSignIn.Check(sql, $"Connection '{definition.Name}'");
                if (credential is not null)
                {
                    sql.IntegratedSecurity = false;
                    sql.UserID = credential.UserName;
                    sql.Password = credential.Password;
                }
                return new SqlConnection(sql.ConnectionString);

            default:
                throw new ConfigurationException($"Connection '{definition.Name}' has an unknown provider '{definition.Provider}'.");
        }
    }

    private static void SetBusyTimeout(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {SqliteBusyTimeoutMilliseconds}";
        command.ExecuteNonQuery();
    }

    private static bool Mentions(string connectionString, string keyword)
    {
        try
        {
            return new DbConnectionStringBuilder { ConnectionString = connectionString }.ContainsKey(keyword);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Every password that could surface in a message: the connection string's and the credential's.</summary>
    private static List<string> Passwords(string connectionString, DatabaseCredential? credential)
    {
        var passwords = new List<string>();
        if (!string.IsNullOrEmpty(credential?.Password)) passwords.Add(credential.Password);
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (var keyword in new[] { "password", "pwd" })
                if (builder.TryGetValue(keyword, out var value) && value is string { Length: > 0 } text) passwords.Add(text);
        }
        catch (ArgumentException)
        {
            // A malformed string: the builders' messages give positions, not values.
        }
        return passwords;
    }

    /// <summary>Drivers do not put passwords in their messages; this makes sure of it. What a placeholder resolved to is
    /// shown as the placeholder, as the mapping file writes it. Very short values are not masked: replacing every "a" in
    /// a message would hide the message, not a secret.</summary>
    private static DatabaseConnectionException Failure(ConnectionDefinition definition, string message, Exception inner, List<string> passwords,
        IReadOnlyDictionary<string, string> placeholders)
    {
        var leaks = passwords.Where(p => p.Length >= 4).ToList();
        foreach (var password in leaks.OrderByDescending(p => p.Length)) message = message.Replace(password, "***", StringComparison.Ordinal);
        foreach (var (name, value) in placeholders.Where(p => p.Value.Length >= 4).OrderByDescending(p => p.Value.Length))
        {
            message = message.Replace(value, "${env:" + name + "}", StringComparison.Ordinal);
            leaks.Add(value);
        }
        var innerText = inner.ToString();
        var safeInner = leaks.Any(p => innerText.Contains(p, StringComparison.Ordinal)) ? null : inner;
        return new DatabaseConnectionException(definition.Name, message, safeInner);
    }
}
