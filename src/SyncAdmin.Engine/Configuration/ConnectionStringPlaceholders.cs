using System.Data.Common;
using System.Text.RegularExpressions;

namespace SyncAdmin.Engine.Configuration;

/// <summary><c>${env:NAME}</c> placeholders in connection strings. They are stored as written and resolved only when a
/// connection opens, so a secret lives in the environment (or a credential parameter), never in a file or the store.
/// Connection strings are always read with the connection-string parser (never a regular expression), so a value that
/// is quoted, or holds ';' or '=', is one value: it neither leaks its tail into a message nor adds a keyword.</summary>
public static partial class ConnectionStringPlaceholders
{
    [GeneratedRegex(@"\$\{env:(?<name>[A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Placeholder();

    /// <summary>Keywords whose value is a secret, in every spelling SqlClient and Microsoft.Data.Sqlite accept.</summary>
    private static readonly HashSet<string> SecretKeywords = new(StringComparer.OrdinalIgnoreCase) { "password", "pwd" };

    public static IReadOnlyList<string> Names(string connectionString) =>
        Placeholder().Matches(connectionString).Select(m => m.Groups["name"].Value).Distinct().ToList();

    /// <summary>Replaces every placeholder, value by value through the connection-string builder, so what a variable holds
    /// stays that one value whatever characters it has; a variable that is not set is an error naming the connection
    /// and the variable.</summary>
    public static string Resolve(string connectionString, string connectionName, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (!Placeholder().IsMatch(connectionString)) return connectionString;
        var builder = Parse(connectionString)
                      ?? throw new ConfigurationException($"Connection '{connectionName}' has a connection string that does not parse.");
        foreach (var key in builder.Keys.Cast<string>().ToList())
        {
            var written = Convert.ToString(builder[key]) ?? "";
            if (!Placeholder().IsMatch(written)) continue;
            builder[key] = Placeholder().Replace(written, m =>
            {
                var name = m.Groups["name"].Value;
                return environment(name) ?? throw new ConfigurationException(
                    $"Connection '{connectionName}' needs the environment variable '{name}', which is not set.");
            });
        }
        return builder.ConnectionString;
    }

    /// <summary>The values placeholders resolve to (name → value), to take them back out of messages.</summary>
    public static IReadOnlyDictionary<string, string> ResolvedValues(string connectionString, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Names(connectionString))
            if (environment(name) is { Length: > 0 } value) values[name] = value;
        return values;
    }

    /// <summary>True when a secret keyword's value is anything but placeholders: <c>Password=S3cr3t${env:SUFFIX}</c> has
    /// a literal part. A string that does not parse at all counts as literal: nothing can show it is secret-free.</summary>
    public static bool HasLiteralPassword(string connectionString)
    {
        var builder = Parse(connectionString);
        if (builder is null) return connectionString.Contains("pw", StringComparison.OrdinalIgnoreCase)
                                   || connectionString.Contains("password", StringComparison.OrdinalIgnoreCase);
        return builder.Keys.Cast<string>().Where(SecretKeywords.Contains)
            .Any(key => Placeholder().Replace(Convert.ToString(builder[key]) ?? "", "").Trim().Length > 0);
    }

    /// <summary>Keywords whose values say where and how to connect, and nothing secret: the only ones a message shows.</summary>
    private static readonly HashSet<string> ShownKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "server", "data source", "datasource", "address", "addr", "network address", "database", "initial catalog", "filename",
        "user id", "uid", "user", "integrated security", "trusted_connection", "encrypt", "trustservercertificate",
        "trust server certificate", "connect timeout", "connection timeout", "timeout", "application name", "mode", "cache",
        "pooling", "authentication", "multisubnetfailover", "multi subnet failover", "applicationintent", "application intent",
    };

    /// <summary>The connection string for messages: secret values masked, and only keywords known to say where and how
    /// to connect; any other keyword (an unquoted ';' in a password makes its tail look like one) is left out. A string
    /// that does not parse is not shown at all.</summary>
    public static string Redact(string connectionString)
    {
        var builder = Parse(connectionString);
        if (builder is null) return "(a connection string that does not parse)";
        var shown = new DbConnectionStringBuilder();
        var left = false;
        foreach (var key in builder.Keys.Cast<string>())
        {
            if (SecretKeywords.Contains(key)) shown[key] = "***";
            else if (ShownKeywords.Contains(key)) shown[key] = builder[key];
            else left = true;
        }
        return shown.ConnectionString + (left ? ";(other keywords not shown)" : "");
    }

    /// <summary>A value as a message about the mapping file may quote it: anything that parses as a connection string
    /// with a secret in it is redacted, and long values are cut.</summary>
    public static string Shown(string value)
    {
        var shown = value.Contains('=') && Parse(value) is { } builder && builder.Keys.Cast<string>().Any(SecretKeywords.Contains)
            ? Redact(value)
            : value.Contains("password", StringComparison.OrdinalIgnoreCase) || value.Contains("pwd", StringComparison.OrdinalIgnoreCase)
                ? "(a value that mentions a password, not shown)"
                : value;
        return shown.Length > 80 ? shown[..80] + "…" : shown;
    }

    private static DbConnectionStringBuilder? Parse(string connectionString)
    {
        try
        {
            return new DbConnectionStringBuilder { ConnectionString = connectionString };
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
