using SyncAdmin.Engine.State;

namespace SyncAdmin.Parameters;

/// <summary>Get-SyncError's parameters as the engine's error query.</summary>
internal sealed record ErrorFilter
{
    public long? JobId { get; init; }
    public DateTime? After { get; init; }
    public DateTime? Before { get; init; }
    public int? Newest { get; init; }

    public ErrorQuery ToQuery(MappingNameSelection mappings) => new()
    {
        Mappings = mappings.EngineFilter,
        JobId = JobId,
        After = UserTime.ToUtc(After),
        Before = UserTime.ToUtc(Before),
        Newest = Newest,
    };
}
