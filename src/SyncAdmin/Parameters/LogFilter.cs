using SyncAdmin.Engine.State;

namespace SyncAdmin.Parameters;

/// <summary>The filters Get-SyncError and Get-SyncJob share (ids, a time range given in the user's time, the newest N),
/// and the record filters of Get-SyncError, as the engine's queries.</summary>
internal sealed record LogFilter
{
    public IReadOnlyCollection<long>? Ids { get; init; }
    public long? JobId { get; init; }
    public DateTime? After { get; init; }
    public DateTime? Before { get; init; }
    public int? Newest { get; init; }
    public RecordKeys Keys { get; init; } = RecordKeys.Of(null, null);
    public SyncErrorCategory? Category { get; init; }
    public SyncAdmin.Engine.Configuration.SyncDirection? Direction { get; init; }

    public ErrorQuery ToErrorQuery(MappingNameSelection mappings) => new()
    {
        Mappings = mappings.EngineFilter,
        Ids = Ids,
        JobId = JobId,
        LocalKey = Keys.Local,
        IntegrationKey = Keys.Integration,
        Category = Category,
        Direction = Direction,
        After = UserTime.ToUtc(After),
        Before = UserTime.ToUtc(Before),
        Newest = Newest,
    };

    public JobQuery ToJobQuery(MappingNameSelection mappings) => new()
    {
        Mappings = mappings.EngineFilter,
        Ids = Ids,
        After = UserTime.ToUtc(After),
        Before = UserTime.ToUtc(Before),
        Newest = Newest,
    };
}
