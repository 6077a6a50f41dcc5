using System.Globalization;

namespace SyncAdmin.Engine.Providers;

/// <summary>Every instant the engine handles is UTC. Text is ISO-8601 with milliseconds and a Z; numbers are epoch milliseconds.</summary>
public static class UtcTime
{
    public const string IsoFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static DateTime From(object value) => value switch
    {
        DateTime d => d.Kind switch
        {
            DateTimeKind.Utc => d,
            DateTimeKind.Local => d.ToUniversalTime(),
            _ => DateTime.SpecifyKind(d, DateTimeKind.Utc),
        },
        DateTimeOffset o => o.UtcDateTime,
        long ms => FromEpochMilliseconds(ms),
        int ms => FromEpochMilliseconds(ms),
        double ms => FromEpochMilliseconds((long)ms),
        string s => Parse(s),
        _ => throw new InvalidCastException($"{value.GetType().Name} is not a time."),
    };

    public static DateTime Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length > 0 && trimmed.All(char.IsDigit))
            return FromEpochMilliseconds(long.Parse(trimmed, CultureInfo.InvariantCulture));
        return DateTime.Parse(trimmed, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    public static string Format(DateTime utc) => From(utc).ToString(IsoFormat, CultureInfo.InvariantCulture);

    public static long ToEpochMilliseconds(DateTime utc) => (long)(From(utc) - DateTime.UnixEpoch).TotalMilliseconds;

    public static DateTime FromEpochMilliseconds(long ms) => DateTime.UnixEpoch.AddMilliseconds(ms);

    /// <summary>Drops sub-millisecond ticks, so a time survives a round trip through ISO text or epoch milliseconds.</summary>
    public static DateTime TruncateToMilliseconds(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
}
