using SyncAdmin.Engine.State;

namespace SyncAdmin.Parameters;

/// <summary>Get-SyncJob's parameters as the engine's job query.</summary>
internal sealed record JobFilter
{
    public long? Id { get; init; }
    public DateTime? After { get; init; }
    public DateTime? Before { get; init; }
    public int? Newest { get; init; }

    public JobQuery ToQuery(MappingNameSelection mappings) => new()
    {
        Mappings = mappings.EngineFilter,
        Id = Id,
        After = UserTime.ToUtc(After),
        Before = UserTime.ToUtc(Before),
        Newest = Newest,
    };
}
