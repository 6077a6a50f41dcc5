namespace SyncAdmin.Parameters;

/// <summary>Times typed by an admin are local unless they say otherwise; the engine stores and compares UTC.</summary>
internal static class UserTime
{
    /// <summary>UTC stays UTC; Local and Unspecified (e.g. [datetime]'2024-05-01') are read as local time.</summary>
    public static DateTime ToUtc(DateTime time) => time.Kind == DateTimeKind.Utc ? time : time.ToUniversalTime();

    public static DateTime? ToUtc(DateTime? time) => time is null ? null : ToUtc(time.Value);
}
