using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Sync;

namespace SyncAdmin.Engine.Admin;

/// <summary>A watermark move asked for: a new value per side, or a reset of both (the next run reads every record).</summary>
public sealed record WatermarkRequest
{
    public DateTime? Local { get; init; }
    public DateTime? Integration { get; init; }
    public bool Reset { get; init; }

    public bool IsEmpty => Local is null && Integration is null && !Reset;
}

/// <summary>One side's watermark before and after a move, and how many source records the next run would then read.</summary>
public sealed class WatermarkChange
{
    internal WatermarkChange() { }

    public required string Mapping { get; init; }
    public Side Side { get; init; }
    public required string Table { get; init; }
    public DateTimeOffset? OldWatermark { get; init; }
    public DateTimeOffset? NewWatermark { get; init; }
    /// <summary>Rows the table filter selects from the new watermark minus the overlap (all rows when it is cleared); null
    /// when no pass reads this side (the mapping's direction).</summary>
    public long? RecordsToRead { get; init; }

    public override string ToString() =>
        $"{Mapping} {Side} watermark ({Table}): {Show(OldWatermark)} -> {Show(NewWatermark)}" +
        (RecordsToRead is { } n ? $"; the next run reads {n:N0} record(s)" : "; no pass reads this side");

    private static string Show(DateTimeOffset? time) => time is null ? "(none)" : $"{time:yyyy-MM-dd HH:mm:ss.fff}Z";
}

/// <summary>The admin's hold on watermarks (Business Central's "Synch. Modified On Filter" and "Synch. Int. Tbl. Mod. On
/// Fltr."): move one back to read changes again, forward past a backlog not worth syncing, or clear both for a full
/// re-read. Refused while a run holds the mapping, whose end would move the watermark again.</summary>
public sealed class MappingWatermarks
{
    /// <summary>A watermark may be a little ahead of this machine (clocks differ) but not in the future.</summary>
    private static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(1);

    private readonly StateStore _store;
    private readonly Func<ITableOpener> _openers;

    public MappingWatermarks(StateStore store, Func<ITableOpener> openers)
    {
        _store = store;
        _openers = openers;
    }

    /// <summary>What the move would do, with the records the next run would read; nothing changes.</summary>
    public IReadOnlyList<WatermarkChange> Plan(string mapping, WatermarkRequest request)
    {
        var stored = _store.Mappings.Get(mapping);
        Validate(stored, request);
        using var opener = _openers();
        return Sides(stored, request).Select(s => Describe(stored, s.Side, s.New, opener)).ToList();
    }

    /// <summary>Moves the watermarks (both sides in one transaction) and returns the changes.</summary>
    public IReadOnlyList<WatermarkChange> Apply(string mapping, WatermarkRequest request)
    {
        var stored = _store.Mappings.Get(mapping);
        Validate(stored, request);
        _store.InTransaction(() =>
        {
            if (_store.Leases.Holder(stored.Name) is { } lease && lease.ExpiresAt > _store.UtcNow) throw new LeaseHeldException(lease);
            foreach (var (side, value) in Sides(stored, request)) _store.Mappings.SetWatermark(stored.Name, side, value);
        });
        var moved = _store.Mappings.Get(stored.Name);
        return Sides(stored, request).Select(s => new WatermarkChange
        {
            Mapping = stored.Name, Side = s.Side, Table = stored.Definition.TableOf(s.Side).Name,
            OldWatermark = stored.Watermark(s.Side), NewWatermark = moved.Watermark(s.Side),
        }).ToList();
    }

    private void Validate(StoredMapping stored, WatermarkRequest request)
    {
        if (request.IsEmpty) throw new ArgumentException("Give -LocalWatermark, -IntegrationWatermark or -ResetWatermark.");
        if (request.Reset && (request.Local is not null || request.Integration is not null))
            throw new ArgumentException("-ResetWatermark clears both watermarks; it cannot be combined with -LocalWatermark or -IntegrationWatermark.");
        foreach (var (side, value) in new[] { (Side.Local, request.Local), (Side.Integration, request.Integration) })
        {
            if (value is not { } time) continue;
            if (time.Kind != DateTimeKind.Utc) throw new ArgumentException("A watermark is given in UTC.", nameof(request));
            if (time > _store.UtcNow + FutureTolerance)
                throw new ArgumentException(
                    $"The {side} watermark {time:yyyy-MM-dd HH:mm:ss}Z of mapping '{stored.Name}' is in the future: every change made until then " +
                    "would never be read.");
            if (stored.Definition.TableOf(side).ModifiedOn is null)
                throw new ArgumentException(
                    $"{stored.Definition.TableOf(side).Name} has no modified-on column, so mapping '{stored.Name}' reads it whole every run; " +
                    "it has no watermark to move.");
        }
    }

    private static IEnumerable<(Side Side, DateTime? New)> Sides(StoredMapping stored, WatermarkRequest request)
    {
        if (request.Reset || request.Local is not null) yield return (Side.Local, request.Local);
        if (request.Reset || request.Integration is not null) yield return (Side.Integration, request.Integration);
    }

    private static WatermarkChange Describe(StoredMapping stored, Side side, DateTime? watermark, ITableOpener opener)
    {
        var mapping = stored.Definition;
        var pass = side == Side.Local ? SyncDirection.ToIntegrationTable : SyncDirection.FromIntegrationTable;
        long? records = null;
        if (mapping.Direction.Permits(pass))
        {
            using var table = opener.Open(mapping.TableOf(side), Array.Empty<string>());
            records = ((ITableInspection)table).CountSince(watermark - TimeSpan.FromSeconds(mapping.WatermarkOverlapSeconds));
        }
        return new WatermarkChange
        {
            Mapping = stored.Name, Side = side, Table = mapping.TableOf(side).Name,
            OldWatermark = stored.Watermark(side), NewWatermark = watermark, RecordsToRead = records,
        };
    }
}
