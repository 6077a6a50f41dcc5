using System.Globalization;
using System.Text.RegularExpressions;

namespace SyncAdmin.Engine.Providers.Sqlite;

/// <summary>The text form of instants in one SQLite column. Text compares character by character, so a parameter compares
/// correctly with stored times only in the same layout: "2024-05-01 10:00:00" (SQLite's datetime()) sorts before
/// "2024-05-01T09:00:00.000Z". The layout is read from a stored value; new values are written in it too.</summary>
public sealed partial class TimeTextLayout
{
    public static readonly TimeTextLayout Iso = new(UtcTime.IsoFormat);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(?<sep>[T ])\d{2}:\d{2}(?<sec>:\d{2}(?<frac>\.\d{1,7})?)?(?<zone>Z|[+-]00:?00)?$")]
    private static partial Regex Shape();

    private readonly string _format;

    private TimeTextLayout(string format) => _format = format;

    /// <summary>The layout of <paramref name="sample"/>, or ISO with milliseconds and Z when it is not a UTC timestamp.</summary>
    public static TimeTextLayout Detect(string sample)
    {
        var m = Shape().Match(sample.Trim());
        if (!m.Success) return Iso;
        var format = "yyyy-MM-dd" + (m.Groups["sep"].Value == "T" ? "'T'" : " ") + "HH:mm";
        if (m.Groups["sec"].Success) format += ":ss";
        if (m.Groups["frac"].Success) format += "." + new string('f', m.Groups["frac"].Length - 1);
        if (m.Groups["zone"].Success) format += "'" + m.Groups["zone"].Value + "'";
        return format == UtcTime.IsoFormat ? Iso : new TimeTextLayout(format);
    }

    public string Format(DateTime time) => UtcTime.From(time).ToString(_format, CultureInfo.InvariantCulture);

    public override string ToString() => _format;
}
