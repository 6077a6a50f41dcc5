using SyncAdmin.Engine.Providers;

namespace SyncAdmin.Engine.Configuration;

/// <summary>Every name a mapping file gives — mapping and connection names, tables, key, modified-on, filter and field
/// columns — is checked when the file is read, so SQL pasted into a name, a quote or bracket that tries to escape quoting,
/// an invisible character or a name of megabytes is refused with its line and column, not at the first sync.</summary>
internal static class IdentifierRules
{
    public const int MaxNameLength = 100;

    /// <summary>A mapping or connection name: letters, digits, '_', '-', '.', and inner spaces.</summary>
    public static string? NameProblem(string name, string what)
    {
        if (name.Length > MaxNameLength) return $"{what} is {name.Length:N0} characters long; at most {MaxNameLength} are allowed.";
        if (name[0] == ' ' || name[^1] == ' ') return $"{what} starts or ends with a space.";
        foreach (var c in name)
            if (!char.IsLetterOrDigit(c) && c is not ('_' or '-' or '.' or ' '))
                return $"{what} contains {SqlDialect.Shown(c)}; a name may hold letters, digits, '_', '-', '.' and spaces.";
        return null;
    }

    /// <summary>A table name, as the connection's database allows it (SQL Server: schema.table).</summary>
    public static string? TableProblem(string name, ProviderKind provider, string what) =>
        Problem(() => SqlDialect.For(provider).ValidateTableName(name), what);

    public static string? ColumnProblem(string name, ProviderKind provider, string what) =>
        Problem(() => SqlDialect.For(provider).ValidateColumnName(name), what);

    private static string? Problem(Action validate, string what)
    {
        try
        {
            validate();
            return null;
        }
        catch (ConfigurationException e)
        {
            return $"{what}: {e.Reason}";
        }
    }
}
