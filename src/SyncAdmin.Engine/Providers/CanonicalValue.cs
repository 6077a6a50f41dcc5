using System.Globalization;

namespace SyncAdmin.Engine.Providers;

/// <summary>The type-stable text of a normalised value: what the store keeps as a field's base and what change
/// detection compares. Equal values always give equal text (1.50m and 1.5m, a Guid in any case, any DateTime kind).</summary>
public static class CanonicalValue
{
    public static string? Of(object? value) => value switch
    {
        null or DBNull => null,
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        decimal m => (m / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        // "O" of a UTC time is exactly yyyy-MM-dd'T'HH:mm:ss.fffffff'Z', through the runtime's fast path.
        DateTime t => UtcTime.From(t).ToString("O", CultureInfo.InvariantCulture),
        Guid g => g.ToString("D"),
        byte[] bytes => Convert.ToBase64String(bytes),
        UnconvertibleValue bad => bad.ToString(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>Canonical text of <paramref name="value"/> once converted to <paramref name="type"/>.</summary>
    public static string? Of(ColumnType type, object? value) => Of(ValueConversion.To(type, value));
}
