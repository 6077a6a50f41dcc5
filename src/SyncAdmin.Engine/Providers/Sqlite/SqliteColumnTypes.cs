namespace SyncAdmin.Engine.Providers.Sqlite;

/// <summary>Maps a SQLite declared type to the engine's <see cref="ColumnType"/>. SQLite itself only knows affinities
/// (decided by substrings such as INT or CHAR); the engine also reads the conventional names BOOL, DATE/TIME and GUID.</summary>
public static class SqliteColumnTypes
{
    public static ColumnType From(string? declaredType)
    {
        var t = (declaredType ?? "").Trim().ToUpperInvariant();
        if (t.Length == 0) return ColumnType.Text;
        // INT first, as SQLite's own affinity rule 1: an INTEGER column keeps integers, whatever else its name says.
        if (t.Contains("INT")) return ColumnType.Integer;
        if (t.Contains("BOOL")) return ColumnType.Boolean;
        if (t.Contains("DATE") || t.Contains("TIME")) return ColumnType.DateTime;
        if (t.Contains("GUID") || t.Contains("UNIQUEIDENTIFIER")) return ColumnType.Guid;
        if (t.Contains("CHAR") || t.Contains("CLOB") || t.Contains("TEXT")) return ColumnType.Text;
        if (t.Contains("BLOB")) return ColumnType.Binary;
        if (t.Contains("REAL") || t.Contains("FLOA") || t.Contains("DOUB")) return ColumnType.Real;
        if (t.Contains("NUMERIC") || t.Contains("DECIMAL")) return ColumnType.Decimal;
        // Any other name gets NUMERIC affinity in SQLite, but may hold anything; text reads every value without loss.
        return ColumnType.Text;
    }

    /// <summary>SQLite's affinity rule 1: a declared type containing INT stores integers.</summary>
    public static bool HasIntegerAffinity(string? declaredType) =>
        (declaredType ?? "").Contains("INT", StringComparison.OrdinalIgnoreCase);

    /// <summary>Only a column declared exactly INTEGER that is the whole primary key aliases the rowid
    /// (and so gets a value from SQLite when none is given).</summary>
    public static bool IsRowIdAlias(string? declaredType, int primaryKeyColumnCount) =>
        primaryKeyColumnCount == 1 && string.Equals((declaredType ?? "").Trim(), "INTEGER", StringComparison.OrdinalIgnoreCase);
}
