using SyncAdmin.Engine.Sync;

namespace SyncAdmin.Parameters;

/// <summary>What the progress bar of Invoke-RecordSync says after each page.</summary>
internal static class ProgressText
{
    public static string Activity(SyncProgress progress) => $"Synchronizing {progress.Mapping} ({progress.Direction})";

    public static string Status(SyncProgress progress) =>
        $"{progress.RecordsProcessed} records: {progress.Inserted} inserted, {progress.Modified} modified, {progress.Failed} failed";

    /// <summary>"reading changes", "retrying failed records", ...: the engine's phase name as a sentence fragment.</summary>
    public static string Operation(SyncProgress progress) => progress.Phase switch
    {
        "changes" => "reading changes",
        "retries" => "retrying failed records",
        "records" => "synchronizing chosen records",
        var other => other,
    };
}
