using System.Globalization;
using Microsoft.Data.Sqlite;
using SyncAdmin.Engine.Providers;

namespace SyncAdmin.Engine.State;

/// <summary>How the store writes and reads times (fixed-width ISO-8601 UTC text, so text order is time order).</summary>
internal static class StoreValues
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    // "O" of a UTC time is exactly TimeFormat, written and read through the runtime's fast path.
    public static string Time(DateTime utc) => UtcTime.From(utc).ToString("O", CultureInfo.InvariantCulture);

    public static object TimeOrNull(DateTime? utc) => utc is null ? DBNull.Value : Time(utc.Value);

    public static object OrNull(object? value) => value ?? DBNull.Value;

    public static DateTime? ReadTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ParseTime(reader.GetString(ordinal));

    private static DateTime ParseTime(string text) =>
        DateTime.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var time) && text.EndsWith('Z')
            ? time
            : DateTime.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static string? ReadString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? ReadLong(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}
