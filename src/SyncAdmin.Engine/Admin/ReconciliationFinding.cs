using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;

namespace SyncAdmin.Engine.Admin;

/// <summary>What reconciliation found about one record.</summary>
public enum ReconciliationKind
{
    /// <summary>A coupled pair whose values changed on a side whose modified-on did not move: no incremental run will see it.</summary>
    Drift,
    /// <summary>A coupling whose local or integration record is gone.</summary>
    CounterpartGone,
    /// <summary>An uncoupled record with exactly one uncoupled candidate under matchOn, which only it matches: New-Coupling
    /// can couple the pair.</summary>
    OneMatch,
    /// <summary>An uncoupled record that several uncoupled records of the other side match, or whose one candidate other
    /// records match too: couple by hand.</summary>
    SeveralMatches,
    /// <summary>An uncoupled record with no candidate (or a mapping without matchOn): the next run inserts it, where the
    /// direction allows.</summary>
    NoMatch,
}

/// <summary>One finding of Compare-SyncedRecord. A OneMatch finding names both keys, so it pipes into New-Coupling.</summary>
public sealed class ReconciliationFinding : IRecordPair
{
    internal ReconciliationFinding() { }

    public required string Mapping { get; init; }
    public ReconciliationKind Kind { get; init; }
    /// <summary>The side the finding is about: the uncoupled record's, the side that drifted (or both: null), the side whose record is gone.</summary>
    public Side? Side { get; init; }
    public string? LocalKey { get; init; }
    public string? IntegrationKey { get; init; }
    /// <summary>SeveralMatches: the candidates on the other side (or the rival records on this side).</summary>
    public IReadOnlyList<string> CandidateKeys { get; init; } = Array.Empty<string>();
    /// <summary>Drift: the fields whose value differs from the last synchronized one.</summary>
    public IReadOnlyList<FieldComparison> Fields { get; init; } = Array.Empty<FieldComparison>();
    public required string Message { get; init; }

    public override string ToString() => $"{Mapping} {Kind}: {Message}";
}
