using System.Globalization;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;

namespace SyncAdmin.Engine.Sync;

/// <summary>The sentences a pass reports for -Verbose: which tables and connections, the watermark it reads from, each
/// page, and where the watermark ends. Connections are named, never shown: a connection string may hold a secret.</summary>
internal static class PassNotes
{
    public static string Start(MappingContext context, Side source, JobKind kind, DateTime? watermark, TimeSpan overlap, bool preview)
    {
        var from = Table(context, source);
        var to = Table(context, source.Other());
        var reads = kind == JobKind.Full ? "every record (-Full)"
            : watermark is null ? "every record (no watermark yet: first run)"
            : $"records modified since {Time(watermark.Value - overlap)} (watermark {Time(watermark.Value)} minus {overlap.TotalSeconds:0.###} s overlap)";
        return $"{(preview ? "dry run, " : "")}from {from} to {to}: reading {reads}, and records whose last sync failed";
    }

    public static string Forced(MappingContext context, Side source, int keys) =>
        $"from {Table(context, source)} to {Table(context, source.Other())}: {keys} chosen record(s), no change or conflict check";

    public static string Page(int page, string phase, int read, SyncJob job) =>
        $"page {page} ({phase}): {read} record(s) read; so far {job.Inserted} inserted, {job.Modified} modified, {job.Unchanged} unchanged, " +
        $"{job.Failed} failed, {job.Skipped} skipped";

    public static string End(SyncJob job, DateTime? watermark, DateTime? moved, bool preview)
    {
        var counters = $"{job.Inserted} inserted, {job.Modified} modified, {job.Deleted} deleted, {job.Unchanged} unchanged, " +
                       $"{job.Skipped} skipped, {job.Failed} failed, {job.Coupled} coupled";
        var mark = moved is null ? $"watermark stays at {(watermark is null ? "(none)" : Time(watermark.Value))}"
            : preview ? $"the watermark would move to {Time(moved.Value)}"
            : $"watermark moved to {Time(moved.Value)}";
        return $"done: {counters}; {mark}";
    }

    private static string Table(MappingContext context, Side side)
    {
        var definition = context.TableDefinition(side);
        var provider = context.Store.Mappings.FindConnection(definition.Connection)?.Provider.ToString().ToLowerInvariant();
        return $"{definition.Name} (connection '{definition.Connection}'{(provider is null ? "" : ", " + provider)})";
    }

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
