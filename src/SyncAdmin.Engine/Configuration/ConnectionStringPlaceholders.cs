using System.Text.RegularExpressions;

namespace SyncAdmin.Engine.Configuration;

/// <summary><c>${env:NAME}</c> placeholders in connection strings. They are stored as written and resolved only when a
/// connection opens, so a secret lives in the environment (or a credential parameter), never in a file or the store.</summary>
public static partial class ConnectionStringPlaceholders
{
    [GeneratedRegex(@"\$\{env:(?<name>[A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"(?:^|;)\s*(?<key>password|pwd)\s*=\s*(?<value>[^;]*)", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordPart();

    public static IReadOnlyList<string> Names(string connectionString) =>
        Placeholder().Matches(connectionString).Select(m => m.Groups["name"].Value).Distinct().ToList();

    /// <summary>Replaces every placeholder; a variable that is not set is an error naming the connection and the variable.</summary>
    public static string Resolve(string connectionString, string connectionName, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        return Placeholder().Replace(connectionString, m =>
        {
            var name = m.Groups["name"].Value;
            return environment(name) ?? throw new ConfigurationException(
                $"Connection '{connectionName}' needs the environment variable '{name}', which is not set.");
        });
    }

    /// <summary>True when the connection string carries a password written out rather than as a placeholder.</summary>
    public static bool HasLiteralPassword(string connectionString) =>
        PasswordPart().Matches(connectionString).Any(m =>
        {
            var value = m.Groups["value"].Value.Trim();
            return value.Length > 0 && !Placeholder().IsMatch(value);
        });

    /// <summary>The connection string with every password value masked, for messages.</summary>
    public static string Redact(string connectionString) =>
        PasswordPart().Replace(connectionString, m => m.Value.Replace(m.Groups["value"].Value, "***"));
}
