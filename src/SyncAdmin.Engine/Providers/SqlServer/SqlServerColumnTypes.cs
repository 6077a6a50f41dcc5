using System.Globalization;
using System.Text.RegularExpressions;

namespace SyncAdmin.Engine.Providers.SqlServer;

/// <summary>SQL Server declared types: written as "nvarchar(50)", "decimal(18,2)", "datetime2(7)" in
/// <see cref="ColumnSchema.DeclaredType"/>, so parameters can be typed exactly like their column.</summary>
public static partial class SqlServerColumnTypes
{
    [GeneratedRegex(@"^\s*(?<name>[a-z0-9_]+)\s*(\(\s*(?<a>max|\d+)\s*(,\s*(?<b>\d+)\s*)?\))?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Shape();

    public static ColumnType From(string declaredType) => Parse(declaredType).Name switch
    {
        "tinyint" or "smallint" or "int" or "bigint" => ColumnType.Integer,
        "bit" => ColumnType.Boolean,
        "decimal" or "numeric" or "money" or "smallmoney" => ColumnType.Decimal,
        "float" or "real" => ColumnType.Real,
        "date" or "datetime" or "datetime2" or "smalldatetime" or "datetimeoffset" => ColumnType.DateTime,
        "uniqueidentifier" => ColumnType.Guid,
        "binary" or "varbinary" or "image" or "timestamp" or "rowversion" => ColumnType.Binary,
        _ => ColumnType.Text, // char types, xml, time, sql_variant …: text holds them all
    };

    /// <summary>The declared type as written in T-SQL, from sys.columns (max_length is in bytes, -1 for max).</summary>
    public static string Declare(string typeName, int maxLength, int precision, int scale)
    {
        var name = typeName.ToLowerInvariant();
        return name switch
        {
            "char" or "varchar" or "binary" or "varbinary" => $"{name}({(maxLength < 0 ? "max" : maxLength.ToString(CultureInfo.InvariantCulture))})",
            "nchar" or "nvarchar" => $"{name}({(maxLength < 0 ? "max" : (maxLength / 2).ToString(CultureInfo.InvariantCulture))})",
            "decimal" or "numeric" => $"{name}({precision},{scale})",
            "datetime2" or "datetimeoffset" or "time" => $"{name}({scale})",
            _ => name,
        };
    }

    /// <summary>Type name (lower case), length (-1 for max) or precision, and scale.</summary>
    public static (string Name, int? Length, int? Scale) Parse(string declaredType)
    {
        var m = Shape().Match(declaredType);
        if (!m.Success) return (declaredType.Trim().ToLowerInvariant(), null, null);
        int? length = !m.Groups["a"].Success ? null
            : m.Groups["a"].Value.Equals("max", StringComparison.OrdinalIgnoreCase) ? -1
            : int.Parse(m.Groups["a"].Value, CultureInfo.InvariantCulture);
        int? scale = m.Groups["b"].Success ? int.Parse(m.Groups["b"].Value, CultureInfo.InvariantCulture) : null;
        return (m.Groups["name"].Value.ToLowerInvariant(), length, scale);
    }
}
