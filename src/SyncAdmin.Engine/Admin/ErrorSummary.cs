using System.Text.RegularExpressions;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;

namespace SyncAdmin.Engine.Admin;

/// <summary>Errors of one mapping that share a cause: the message with its record keys and values taken out. A thousand
/// customers failing on the same missing currency is one line, not a thousand (Get-SyncError -Summary).</summary>
public sealed class SyncErrorSummary
{
    internal SyncErrorSummary() { }

    public required string Mapping { get; init; }
    public SyncErrorCategory Category { get; init; }
    public SyncDirection Direction { get; init; }
    /// <summary>The message with keys, quoted values and numbers replaced by placeholders.</summary>
    public required string Cause { get; init; }
    public long Count { get; internal set; }
    public DateTimeOffset FirstSeen { get; internal set; }
    public DateTimeOffset LastSeen { get; internal set; }
    /// <summary>The newest entry of the group, whole: its record and message.</summary>
    public SyncError Latest { get; internal set; } = null!;

    public override string ToString() => $"{Mapping} {Category} {Direction}: {Count} × {Cause}";
}

/// <summary>Groups the error log by mapping, category, direction and cause, streaming: memory grows with the number of
/// distinct causes, not with the log.</summary>
public static class ErrorSummaries
{
    /// <summary>Groups, the largest first (then the most recent).</summary>
    public static IReadOnlyList<SyncErrorSummary> Of(IEnumerable<SyncError> errors)
    {
        var groups = new Dictionary<(string, SyncErrorCategory, SyncDirection, string), SyncErrorSummary>();
        foreach (var error in errors)
        {
            var cause = Cause(error);
            var key = (error.Mapping, error.Category, error.Direction, cause);
            if (!groups.TryGetValue(key, out var group))
                groups[key] = group = new SyncErrorSummary
                {
                    Mapping = error.Mapping, Category = error.Category, Direction = error.Direction, Cause = cause,
                    FirstSeen = error.CreatedAt, LastSeen = error.CreatedAt, Latest = error,
                };
            group.Count++;
            if (error.CreatedAt < group.FirstSeen) group.FirstSeen = error.CreatedAt;
            if (error.CreatedAt > group.LastSeen || (error.CreatedAt == group.LastSeen && error.Id > group.Latest.Id))
                (group.LastSeen, group.Latest) = (error.CreatedAt, error);
        }
        return groups.Values.OrderByDescending(g => g.Count).ThenByDescending(g => g.LastSeen).ToList();
    }

    private static readonly Regex Quoted = new("""'[^']*'|"[^"]*"|‘[^’]*’|“[^”]*”""", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    // Numbers standing alone (not part of a name such as Address2), times, and GUIDs.
    private static readonly Regex Values = new(
        @"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b" +
        @"|(?<![\w.])\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?" +
        @"|(?<![\w.])[-+]?\d+([.,]\d+)*(?![\w])",
        RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>The message without what differs from record to record: the entry's own keys, quoted values, numbers,
    /// times and GUIDs.</summary>
    public static string Cause(SyncError error)
    {
        var text = error.Message;
        try
        {
            foreach (var key in new[] { error.SourceKey, error.DestinationKey })
                if (!string.IsNullOrEmpty(key))
                    text = Regex.Replace(text, $@"(?<!\w){Regex.Escape(key)}(?!\w)", "<key>", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            text = Quoted.Replace(text, "'…'");
            return Values.Replace(text, "#");
        }
        catch (RegexMatchTimeoutException)
        {
            return text; // a pathological message groups by itself rather than stalling the summary
        }
    }
}
