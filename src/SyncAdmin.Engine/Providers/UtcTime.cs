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
        if (TryParseIso(text, out var iso)) return iso;
        var trimmed = text.Trim();
        if (trimmed.Length > 0 && trimmed.All(char.IsDigit))
            return FromEpochMilliseconds(long.Parse(trimmed, CultureInfo.InvariantCulture));
        return DateTime.Parse(trimmed, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    /// <summary>The layout the engine writes ("2024-05-01T10:00:00.000Z"), read without the general parser: every row of a
    /// page carries such times. Anything else (or an impossible date) is left to <see cref="DateTime.Parse(string)"/>.</summary>
    private static bool TryParseIso(string s, out DateTime result)
    {
        result = default;
        if (s.Length != 24 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.' || s[23] != 'Z')
            return false;
        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second)
            || !Digits(s, 20, 3, out var millisecond))
            return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;
        result = new DateTime(year, month, day, hour, minute, second, millisecond, DateTimeKind.Utc);
        return true;

        static bool Digits(string s, int start, int count, out int value)
        {
            value = 0;
            for (var i = start; i < start + count; i++)
            {
                var digit = s[i] - '0';
                if (digit is < 0 or > 9) return false;
                value = value * 10 + digit;
            }
            return true;
        }
    }

    public static string Format(DateTime utc) => From(utc).ToString(IsoFormat, CultureInfo.InvariantCulture);

    public static long ToEpochMilliseconds(DateTime utc) => (long)(From(utc) - DateTime.UnixEpoch).TotalMilliseconds;

    public static DateTime FromEpochMilliseconds(long ms) => DateTime.UnixEpoch.AddMilliseconds(ms);

    /// <summary>Drops sub-millisecond ticks, so a time survives a round trip through ISO text or epoch milliseconds.</summary>
    public static DateTime TruncateToMilliseconds(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
}
