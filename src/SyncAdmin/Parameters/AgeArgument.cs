using System.Globalization;

namespace SyncAdmin.Parameters;

/// <summary>Reads an -OlderThan value. A bare number means days ("-OlderThan 7", the seeds' "older than 7 days");
/// PowerShell itself would turn the number 7 into seven ticks and purge nearly everything.</summary>
internal static class AgeArgument
{
    /// <summary>The age, or null when the value is not a number or a time span text (left to PowerShell to convert).</summary>
    public static TimeSpan? From(object? value) => value switch
    {
        TimeSpan span => span,
        int days => TimeSpan.FromDays(days),
        long days => TimeSpan.FromDays(days),
        double days => TimeSpan.FromDays(days),
        decimal days => TimeSpan.FromDays((double)days),
        string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var days) => TimeSpan.FromDays(days),
        string text when TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) => span,
        _ => null,
    };
}
