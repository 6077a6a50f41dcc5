using SyncAdmin.Engine.Configuration;

namespace SyncAdmin.Engine.State;

public enum JobStatus
{
    Running,
    Succeeded,
    Failed,
    Cancelled,
    /// <summary>A dry run: what would have happened; nothing was written.</summary>
    Preview,
    /// <summary>Its run died (killed, or its machine went down) before the job ended; the next run finished its work.</summary>
    Interrupted,
}

public enum JobKind
{
    Incremental,
    Full,
    /// <summary>Chosen records synchronized on request (manual Synchronize, Resolve-SkippedRecord -Keep).</summary>
    Forced,
}

/// <summary>One pass of one mapping in one direction, with Business Central's counters.</summary>
public sealed class SyncJob
{
    /// <summary>Only the engine makes these: PowerShell cannot turn a look-alike object (a [pscustomobject] with the same
    /// property names) into one and hand it to a cmdlet that deletes or resolves what it names.</summary>
    internal SyncJob() { }

    public long Id { get; internal set; }
    public required string Mapping { get; init; }
    public SyncDirection Direction { get; init; }
    public JobKind Kind { get; init; }
    public JobStatus Status { get; internal set; } = JobStatus.Running;
    public DateTimeOffset StartedAt { get; internal set; }
    public DateTimeOffset? FinishedAt { get; internal set; }
    public int Inserted { get; internal set; }
    public int Modified { get; internal set; }
    public int Deleted { get; internal set; }
    public int Unchanged { get; internal set; }
    public int Skipped { get; internal set; }
    public int Failed { get; internal set; }
    public int Coupled { get; internal set; }
    public int Uncoupled { get; internal set; }
    public string? Message { get; internal set; }

    /// <summary>What the admin should know about a job that ran (Invoke-RecordSync writes each as a warning).</summary>
    public IReadOnlyList<string> Warnings => _warnings;
    private readonly List<string> _warnings = new();

    internal void Warn(string warning)
    {
        _warnings.Add(warning);
        Message = Message is null ? warning : $"{Message} {warning}";
    }

    /// <summary>Dry run only: what would happen to each record.</summary>
    public IReadOnlyList<Sync.RecordPreview> Records { get; internal set; } = Array.Empty<Sync.RecordPreview>();

    public TimeSpan? Duration => FinishedAt - StartedAt;

    public override string ToString() =>
        $"{Mapping} {Direction} #{Id} {Status}: {Inserted} inserted, {Modified} modified, {Deleted} deleted, {Unchanged} unchanged, " +
        $"{Skipped} skipped, {Failed} failed, {Coupled} coupled, {Uncoupled} uncoupled";
}
