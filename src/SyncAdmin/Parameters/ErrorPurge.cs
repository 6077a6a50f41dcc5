using SyncAdmin.Engine;

namespace SyncAdmin.Parameters;

/// <summary>What Remove-SyncError deletes: entries older than an age, every entry, or chosen entries; optionally only
/// those of some mappings.</summary>
internal abstract record ErrorPurge
{
    /// <summary>The target ShouldProcess shows (and -WhatIf prints).</summary>
    public abstract string Description { get; }

    public abstract int Apply(SyncEngine engine);

    private static string Of(IReadOnlyList<string>? mappings) =>
        mappings is null ? "" : $" of mapping{(mappings.Count == 1 ? "" : "s")} {string.Join(", ", mappings)}";

    public sealed record OlderThan(TimeSpan Age, IReadOnlyList<string>? Mappings) : ErrorPurge
    {
        public override string Description => $"sync errors older than {Age.TotalDays:0.##} days{Of(Mappings)}";

        public override int Apply(SyncEngine engine) => engine.RemoveErrorsOlderThan(Age, Mappings);
    }

    public sealed record All(IReadOnlyList<string>? Mappings) : ErrorPurge
    {
        public override string Description => $"every sync error{Of(Mappings)}";

        public override int Apply(SyncEngine engine) => engine.RemoveAllErrors(Mappings);
    }

    public sealed record Ids(IReadOnlyCollection<long> ErrorIds) : ErrorPurge
    {
        public override string Description => ErrorIds.Count == 1 ? $"sync error {ErrorIds.First()}" : $"{ErrorIds.Count} sync errors";

        public override int Apply(SyncEngine engine) => ErrorIds.Count == 0 ? 0 : engine.RemoveErrors(ErrorIds);
    }
}
