using SyncAdmin.Engine.Configuration;

namespace SyncAdmin.Engine.State;

/// <summary>Outcome of the last sync of a coupling in one direction.</summary>
public enum SyncResult
{
    None = 0,
    Succeeded = 1,
    Failed = 2,
    /// <summary>Interrupted or handed back for a retry: the next pass in this direction picks the record up.</summary>
    Pending = 3,
}

public enum PendingOperation
{
    Insert,
    Update,
    Delete,
}

/// <summary>A write the engine is about to make to a destination, recorded before it is made so a crash between the
/// destination commit and the store commit can be finished or redone on the next run.</summary>
public sealed record PendingIntent(PendingOperation Operation, SyncDirection Direction, long JobId)
{
    /// <summary>An update's destination values as announced (column → canonical text), the bases a completed write leads
    /// to, and the stamps: recovery compares the destination with <see cref="Written"/> to know whether it happened.</summary>
    public FieldValues? Written { get; init; }
    public FieldValues? SourceBase { get; init; }
    public FieldValues? DestinationBase { get; init; }
    public DateTime? SourceStamp { get; init; }
    public DateTime? DestinationStamp { get; init; }

    public override string ToString() => $"{Operation} announced by job {JobId} ({Direction}), not yet confirmed";
}

/// <summary>The state of one direction of a coupling.</summary>
public sealed class DirectionStatus
{
    public SyncResult Result { get; internal set; }
    public long? JobId { get; internal set; }
    public string? Message { get; internal set; }
    public DateTimeOffset? Time { get; internal set; }

    public override string ToString() =>
        Result == SyncResult.None ? "not synchronized"
        : $"{Result}{(JobId is null ? "" : $" (job {JobId}")}{(Time is null ? "" : $", {Time:yyyy-MM-dd HH:mm:ss}Z")}{(JobId is null ? "" : ")")}" +
          (Message is null ? "" : $": {Message}");
}

/// <summary>The link between one local record and one integration record, with what the engine knows of their last sync.
/// A failed insert has only its source key: it is kept so the record is retried even after the watermark passed it.</summary>
public sealed class Coupling : IRecordPair
{
    /// <summary>Only the engine makes these: PowerShell cannot turn a look-alike object (a [pscustomobject] with the same
    /// property names) into one and hand it to a cmdlet that deletes or resolves what it names.</summary>
    internal Coupling() { }

    public long Id { get; internal set; }
    public required string Mapping { get; init; }
    public string? LocalKey { get; internal set; }
    public string? IntegrationKey { get; internal set; }
    /// <summary>Each side's mapped column values as they stood after the last successful sync (canonical text).</summary>
    public FieldValues? LocalBase
    {
        get => _localBase ??= Parse(_localBaseJson);
        internal set => (_localBase, _localBaseJson) = (value, null);
    }

    public FieldValues? IntegrationBase
    {
        get => _integrationBase ??= Parse(_integrationBaseJson);
        internal set => (_integrationBase, _integrationBaseJson) = (value, null);
    }

    // A base read from the store stays JSON until someone looks at it (a pass over unchanged records compares one side's
    // base, rarely the other's); a base's JSON is kept once known, so it is serialised at most once. Bases are replaced,
    // never edited in place.
    private FieldValues? _localBase;
    private FieldValues? _integrationBase;
    private string? _localBaseJson;
    private string? _integrationBaseJson;
    /// <summary>Each side's modified-on as of the last sync: a candidate carrying exactly this stamp is our own echo.</summary>
    public DateTimeOffset? LocalStamp { get; internal set; }
    public DateTimeOffset? IntegrationStamp { get; internal set; }
    public DirectionStatus To { get; } = new();
    public DirectionStatus From { get; } = new();
    /// <summary>Consecutive failures with the same message (any direction).</summary>
    public int FailureCount { get; internal set; }
    public bool Skipped { get; internal set; }
    public string? SkipReason { get; internal set; }
    public DateTimeOffset? SkippedAt { get; internal set; }
    public PendingIntent? Pending { get; internal set; }
    public DateTimeOffset CreatedAt { get; internal set; }
    public DateTimeOffset? SyncedAt { get; internal set; }

    public bool IsCoupled => LocalKey is not null && IntegrationKey is not null;

    /// <summary>The column values the store held for this coupling when it was last read or written, valid while
    /// <see cref="StoredEpoch"/> is the store's epoch (see <see cref="CouplingStore.Save"/>).</summary>
    internal object?[]? Stored { get; set; }
    internal long StoredEpoch { get; set; }

    /// <summary>The intent the store holds for this coupling (its JSON), valid with <see cref="Stored"/>; null for none.</summary>
    internal string? StoredIntent { get; set; }

    /// <summary>The store holds this coupling as a first insert announced and not confirmed, its row already saying what
    /// confirming makes true (see <see cref="CouplingStore.Save"/>).</summary>
    internal bool ConfirmedRow { get; set; }

    public string? Key(Side side) => side == Side.Local ? LocalKey : IntegrationKey;

    internal void SetKey(Side side, string? key)
    {
        if (side == Side.Local) LocalKey = key; else IntegrationKey = key;
    }

    public FieldValues? Base(Side side) => side == Side.Local ? LocalBase : IntegrationBase;

    /// <summary>A base as the store keeps it (JSON), parsed on first use.</summary>
    internal void SetStoredBase(Side side, string? json)
    {
        if (side == Side.Local) (_localBase, _localBaseJson) = (null, json);
        else (_integrationBase, _integrationBaseJson) = (null, json);
    }

    /// <summary>The JSON of a side's base, as the store keeps it.</summary>
    internal string? BaseJson(Side side)
    {
        if (side == Side.Local) return _localBaseJson ??= _localBase is null ? null : DefinitionJson.Write(_localBase);
        return _integrationBaseJson ??= _integrationBase is null ? null : DefinitionJson.Write(_integrationBase);
    }

    private static FieldValues? Parse(string? json) => json is null ? null : DefinitionJson.Read<FieldValues>(json);

    internal void SetBase(Side side, FieldValues? values)
    {
        if (side == Side.Local) LocalBase = values; else IntegrationBase = values;
    }

    public DateTime? Stamp(Side side) => (side == Side.Local ? LocalStamp : IntegrationStamp)?.UtcDateTime;

    internal void SetStamp(Side side, DateTime? stamp)
    {
        if (side == Side.Local) LocalStamp = stamp; else IntegrationStamp = stamp;
    }

    /// <summary>Records a side's modified-on only when the side holds exactly its base (<paramref name="current"/> are its
    /// mapped values now). A later pass takes a row whose modified-on equals the recorded one for its own echo without
    /// reading it (<see cref="CouplingStore.EchoStamps"/>), so a stamp must never vouch for content the base lacks: a
    /// change another pass still has to carry, or one a person made before a crash was recovered, keeps the stamp empty and
    /// the row is compared.</summary>
    internal void SetStampIfSettled(Side side, DateTime? stamp, FieldValues current) =>
        SetStamp(side, Settled(Base(side), current) ? stamp : null);

    internal static bool Settled(FieldValues? @base, FieldValues current) =>
        @base is not null && current.All(v => string.Equals(@base.Value(v.Key), v.Value, StringComparison.Ordinal));

    public DirectionStatus Status(SyncDirection pass) => pass == SyncDirection.ToIntegrationTable ? To : From;
}

/// <summary>Column name → canonical value text; the unit of a coupling's base.</summary>
public sealed class FieldValues : Dictionary<string, string?>
{
    public FieldValues() : base(StringComparer.OrdinalIgnoreCase) { }

    public FieldValues(int capacity) : base(capacity, StringComparer.OrdinalIgnoreCase) { }

    public FieldValues(IEnumerable<KeyValuePair<string, string?>> values) : base(values, StringComparer.OrdinalIgnoreCase) { }

    public string? Value(string column) => TryGetValue(column, out var v) ? v : null;

    public override string ToString() => string.Join("; ", this.Select(v => $"{v.Key} = {v.Value ?? "null"}"));
}
