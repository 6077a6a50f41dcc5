using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;

namespace SyncAdmin.Engine.Admin;

/// <summary>One mapped field of a record pair: the value both sides agreed on at the last sync and what each holds now. A
/// lookup field also shows each side's value translated through the lookup's couplings into the other side's code, so
/// 'EUR' on one side and 7 on the other read as the same currency (or not).</summary>
public sealed record FieldComparison(
    string? Field,
    string? IntegrationField,
    string? BaseLocalValue,
    string? LocalValue,
    string? BaseIntegrationValue,
    string? IntegrationValue)
{
    /// <summary>Changed since the last sync; a side whose row is missing has no value to have changed.</summary>
    public bool LocalChanged => Field is not null && LocalExists && BaseLocalValue != LocalValue;
    public bool IntegrationChanged => IntegrationField is not null && IntegrationExists && BaseIntegrationValue != IntegrationValue;

    /// <summary>Whether each side has a row now (false: deleted, never created, not coupled).</summary>
    public bool LocalExists { get; init; } = true;
    public bool IntegrationExists { get; init; } = true;

    /// <summary>The mapping whose couplings translate this field's values, if any.</summary>
    public string? Lookup { get; init; }
    /// <summary>The local value as the integration side codes it (the key coupled to it in <see cref="Lookup"/>); null
    /// when it is not coupled.</summary>
    public string? LocalAsIntegration { get; init; }
    public string? IntegrationAsLocal { get; init; }

    /// <summary>One line per field for a list view: the base, and each side's value marked * where it changed (a lookup
    /// value with its translation: 'EUR' → '7', or → (not coupled)).</summary>
    public override string ToString() =>
        $"{Field ?? "(constant)"} <-> {IntegrationField ?? "(constant)"}: base {Show(BaseLocalValue ?? BaseIntegrationValue)}, " +
        $"local {(LocalExists ? Show(LocalValue) : "(no row)")}{Translated(LocalValue, LocalAsIntegration)}{(LocalChanged ? " *" : "")}, " +
        $"integration {(IntegrationExists ? Show(IntegrationValue) : "(no row)")}{Translated(IntegrationValue, IntegrationAsLocal)}{(IntegrationChanged ? " *" : "")}";

    private string Translated(string? value, string? translation) =>
        Lookup is null || value is null ? "" : translation is null ? " → (not coupled)" : $" → {Show(translation)}";

    private static string Show(string? value) => value is null ? "null" : $"'{value}'";
}

/// <summary>A coupling the engine stopped synchronizing until an admin acts (the Skipped Synch. Records page).</summary>
public sealed class SkippedRecord : IRecordPair
{
    /// <summary>Only the engine makes these: PowerShell cannot turn a look-alike object (a [pscustomobject] with the same
    /// property names) into one and hand it to a cmdlet that deletes or resolves what it names.</summary>
    internal SkippedRecord() { }

    public required string Mapping { get; init; }
    public long CouplingId { get; init; }
    public string? LocalTable { get; init; }
    public string? LocalKey { get; init; }
    public string? IntegrationTable { get; init; }
    public string? IntegrationKey { get; init; }
    /// <summary>Why it was skipped: the failure that repeated. Kept on the coupling, so purging the error log never blanks it.</summary>
    public string? Reason { get; init; }
    public DateTimeOffset? SkippedAt { get; init; }
    /// <summary>The direction whose sync failed last, and its message.</summary>
    public SyncDirection? FailedDirection { get; init; }
    public string? LastError { get; init; }
    public bool LocalExists { get; init; }
    public bool IntegrationExists { get; init; }
    public IReadOnlyList<FieldComparison> Fields { get; init; } = Array.Empty<FieldComparison>();

    public override string ToString() => $"{Mapping} {LocalTable} {LocalKey} <-> {IntegrationTable} {IntegrationKey}: {Reason}";
}

/// <summary>What resolving a skipped record did: the coupling after it, and the forced job of Keep and Restore.</summary>
public sealed record SkippedResolutionResult(Coupling Coupling, SyncJob? Job);

/// <summary>How an admin resolves a skipped record.</summary>
public enum SkippedResolution
{
    /// <summary>The local record's values win and are synchronized now.</summary>
    KeepLocal,
    /// <summary>The integration record's values win and are synchronized now.</summary>
    KeepIntegration,
    /// <summary>Clear the Skipped flag; the next run decides again.</summary>
    Retry,
    /// <summary>Recreate the deleted counterpart from the record that still exists, and couple them.</summary>
    Restore,
    /// <summary>Drop the coupling (both records stay as they are).</summary>
    RemoveCoupling,
}
