using System.Globalization;

namespace SyncAdmin.Engine.Providers;

/// <summary>A value cannot be converted to the column type it is headed for; the record fails, the job goes on.</summary>
public sealed class ValueConversionException : Exception
{
    public ValueConversionException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>Normalises values to one CLR type per <see cref="ColumnType"/> (string, long, double, decimal, bool,
/// UTC DateTime, Guid, byte[]), whatever the database or the YAML file handed over.</summary>
public static class ValueConversion
{
    public static object? To(ColumnType type, object? value)
    {
        if (value is null || value is DBNull) return null;
        if (value is UnconvertibleValue bad)
            throw new ValueConversionException(bad.Reason is not null
                ? $"The stored value {bad.Reason}, so it cannot be carried as {type} without changing it."
                : $"The stored value '{Describe(bad)}' is not a valid {bad.Declared}, so it cannot be converted to {type}.");
        try
        {
            return type switch
            {
                ColumnType.Text => ToText(value),
                ColumnType.Integer => ToInteger(value),
                ColumnType.Real => value is string s ? double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture) : Convert.ToDouble(Unwrap(value), CultureInfo.InvariantCulture),
                ColumnType.Decimal => value is string s ? decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture) : Convert.ToDecimal(Unwrap(value), CultureInfo.InvariantCulture),
                ColumnType.Boolean => ToBoolean(value),
                ColumnType.DateTime => UtcTime.From(value),
                ColumnType.Guid => ToGuid(value),
                ColumnType.Binary => value is byte[] b ? b : value is string s ? Convert.FromBase64String(s) : throw new InvalidCastException(),
                _ => throw new InvalidCastException(),
            };
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException or ArgumentException)
        {
            throw new ValueConversionException($"The value '{Describe(value)}' cannot be converted to {type}.", e);
        }
    }

    private static object Unwrap(object value) => value is bool b ? (b ? 1 : 0) : value;

    private static string ToText(object value) => value switch
    {
        string s => s,
        DateTime d => UtcTime.Format(UtcTime.From(d)),
        DateTimeOffset o => UtcTime.Format(o.UtcDateTime),
        Guid g => g.ToString("D"),
        bool b => b ? "true" : "false",
        byte[] bytes => Convert.ToBase64String(bytes),
        IFormattable f => f.ToString(value is double or float ? "R" : null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static long ToInteger(object value) => value switch
    {
        long l => l,
        bool b => b ? 1 : 0,
        string s => long.Parse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture),
        double d when d == Math.Floor(d) => checked((long)d),
        float f when f == MathF.Floor(f) => checked((long)f),
        decimal m when m == decimal.Truncate(m) => decimal.ToInt64(m),
        double or float or decimal => throw new FormatException("not a whole number"),
        DateTime d => UtcTime.ToEpochMilliseconds(UtcTime.From(d)),
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

    private static bool ToBoolean(object value) => value switch
    {
        bool b => b,
        string s => s.Trim().ToLowerInvariant() switch
        {
            "true" or "1" or "yes" => true,
            "false" or "0" or "no" => false,
            _ => throw new FormatException("not a boolean"),
        },
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture) switch
        {
            0 => false,
            1 => true,
            _ => throw new FormatException("not 0 or 1"),
        },
    };

    private static Guid ToGuid(object value) => value switch
    {
        Guid g => g,
        string s => Guid.Parse(s),
        byte[] { Length: 16 } b => new Guid(b),
        _ => throw new InvalidCastException(),
    };

    private static string Describe(object value)
    {
        var text = value is byte[] b ? $"<{b.Length} bytes>" : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        return text.Length > 60 ? text[..60] + "…" : text;
    }
}
