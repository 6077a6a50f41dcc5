using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.State;

namespace SyncAdmin.Engine.Sync;

/// <summary>What a pass does with one record.</summary>
public enum RecordAction
{
    /// <summary>Not counted: an echo of the engine's own write, or an uncoupled record under syncOnlyCoupledRecords.</summary>
    Ignore,
    Skipped,
    Unchanged,
    Insert,
    Modify,
    /// <summary>Coupled to an existing destination record found through matchOn (then updated if values differ).</summary>
    Couple,
    /// <summary>Deletion conflict resolved by deleting the surviving source record.</summary>
    DeleteSource,
    /// <summary>Deletion conflict resolved by removing the coupling.</summary>
    Uncouple,
    Fail,
}

/// <summary>One record in a page: what was read, what was decided, and what to write.</summary>
internal sealed class RecordWork
{
    public RecordWork(Row source, string sourceKey, Coupling? coupling)
    {
        Source = source;
        SourceKey = sourceKey;
        Coupling = coupling;
    }

    public Row Source { get; }
    public string SourceKey { get; }
    public Coupling? Coupling { get; set; }
    public Row? Destination { get; set; }
    public RecordAction Action { get; set; } = RecordAction.Ignore;
    /// <summary>Destination column → value to write (Insert, Modify, Couple).</summary>
    public Dictionary<string, object?> Values { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Fields whose base moves to the values now common to both sides.</summary>
    public IReadOnlyList<FieldPlan> Transferred { get; set; } = Array.Empty<FieldPlan>();
    public string? DestinationKey { get; set; }
    public string? Message { get; set; }
    public string? Detail { get; set; }
    public bool IsConflict { get; set; }
    /// <summary>Forced sync: bases reset wholesale and the Skipped flag cleared.</summary>
    public bool Forced { get; set; }
    /// <summary>Deletion conflict resolved by inserting a new counterpart (RestoreRecords, Resolve -Restore).</summary>
    public bool Restores { get; set; }
    public DateTime? DestinationStamp { get; set; }
    /// <summary>An insert announced earlier but never confirmed, done again with the key it announced: a late write of the
    /// earlier run then collides with it instead of adding a second counterpart.</summary>
    public bool RedoesInsert { get; set; }

    public bool WritesDestination => Action is RecordAction.Insert or RecordAction.Modify
                                     || (Action == RecordAction.Couple && Values.Count > 0);

    /// <summary>What the record was going to do when it failed.</summary>
    public RecordAction FailedAction { get; private set; } = RecordAction.Ignore;

    public void Fail(string message, string? detail = null, bool conflict = false)
    {
        if (Action != RecordAction.Fail) FailedAction = Action;
        Action = RecordAction.Fail;
        Message = message;
        Detail = detail;
        IsConflict = conflict;
    }
}
