using System.Data.Common;
using System.Globalization;
using SyncAdmin.Engine.Providers;

namespace SyncAdmin.Engine.State;

/// <summary>How the store writes and reads values: times as fixed-width ISO-8601 UTC text (text order is time order, on
/// either database), integers read whatever width the database returns.</summary>
internal static class StoreValues
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    // "O" of a UTC time is exactly TimeFormat, written and read through the runtime's fast path.
    public static string Time(DateTime utc) => UtcTime.From(utc).ToString("O", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset time) => Time(time.UtcDateTime);

    public static object TimeOrNull(DateTime? utc) => utc is null ? DBNull.Value : Time(utc.Value);

    public static DateTime? ReadTime(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ParseTime(reader.GetString(ordinal));

    public static DateTime ParseTime(string text) =>
        DateTime.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var time) && text.EndsWith('Z')
            ? time
            : DateTime.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static string? ReadString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? ReadLong(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Convert.ToInt64(reader.GetValue(ordinal));

    public static long Long(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal));

    public static int Int(DbDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal));

    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value switch
        {
            null => DBNull.Value,
            bool b => b ? 1 : 0,
            _ => value,
        };
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>A parameter a prepared command will reuse; its value is set per execution.</summary>
    public static void Declare(this DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
