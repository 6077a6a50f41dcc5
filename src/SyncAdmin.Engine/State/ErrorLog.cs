using System.Data.Common;
using SyncAdmin.Engine.Configuration;

namespace SyncAdmin.Engine.State;

/// <summary>The synchronization error log. Purging it never touches couplings, so a skipped record keeps its reason.</summary>
public sealed class ErrorLog
{
    private readonly StateStore _store;
    private DbCommand? _insert;

    private static readonly string[] Columns =
    {
        "job_id", "mapping", "direction", "source_table", "source_key", "destination_table", "destination_key", "message", "detail", "created_at",
        "category",
    };

    internal ErrorLog(StateStore store) => _store = store;

    public void Add(SyncError error)
    {
        if (error.CreatedAt == default) error.CreatedAt = _store.UtcNow;
        if (_insert is null)
        {
            _insert = _store.Connection.CreateCommand();
            _insert.CommandText = _store.Dialect.InsertReturningId("errors", Columns);
            foreach (var column in Columns) _insert.Declare("@" + column);
        }
        _store.Enlist(_insert);
        object? V(object? value) => value ?? DBNull.Value;
        _insert.Parameters["@job_id"].Value = V(error.JobId);
        _insert.Parameters["@mapping"].Value = error.Mapping;
        _insert.Parameters["@direction"].Value = error.Direction.ToString();
        _insert.Parameters["@source_table"].Value = V(error.SourceTable);
        _insert.Parameters["@source_key"].Value = V(error.SourceKey);
        _insert.Parameters["@destination_table"].Value = V(error.DestinationTable);
        _insert.Parameters["@destination_key"].Value = V(error.DestinationKey);
        _insert.Parameters["@message"].Value = error.Message;
        _insert.Parameters["@detail"].Value = V(error.Detail);
        _insert.Parameters["@created_at"].Value = StoreValues.Time(error.CreatedAt);
        _insert.Parameters["@category"].Value = error.Category.ToString();
        error.Id = Convert.ToInt64(_insert.ExecuteScalar());
    }

    private const int QueryPage = 1000;

    /// <summary>Errors newest first, streamed a page at a time: no reader stays open while the caller works, so a pipeline
    /// may delete what it reads (SQL Server allows one open reader per connection).</summary>
    public IEnumerable<SyncError> Query(ErrorQuery query)
    {
        long? below = null;
        var remaining = query.Newest is > 0 ? query.Newest.Value : int.MaxValue;
        while (remaining > 0)
        {
            var page = ReadPage(query, below, Math.Min(QueryPage, remaining));
            foreach (var error in page) yield return error;
            if (page.Count < Math.Min(QueryPage, remaining)) yield break;
            remaining -= page.Count;
            below = page[^1].Id;
        }
    }

    private List<SyncError> ReadPage(ErrorQuery query, long? below, int size)
    {
        using var command = _store.Command("");
        command.CommandText = "SELECT id, job_id, mapping, direction, source_table, source_key, destination_table, destination_key, " +
                              "message, detail, created_at, category FROM errors" +
                              QueryFilters.WhereNewestFirst(command, _store.Dialect, query.Mappings, ("job_id", query.JobId), "created_at",
                                  query.After, query.Before, size, below, query.Ids, where => RecordFilter(where, command, query));
        var page = new List<SyncError>(size);
        using var r = command.ExecuteReader();
        while (r.Read())
            page.Add(new SyncError
            {
                Id = StoreValues.Long(r, 0),
                JobId = StoreValues.ReadLong(r, 1),
                Mapping = r.GetString(2),
                Direction = Enum.Parse<SyncDirection>(r.GetString(3)),
                SourceTable = StoreValues.ReadString(r, 4),
                SourceKey = StoreValues.ReadString(r, 5),
                DestinationTable = StoreValues.ReadString(r, 6),
                DestinationKey = StoreValues.ReadString(r, 7),
                Message = r.GetString(8),
                Detail = StoreValues.ReadString(r, 9),
                CreatedAt = StoreValues.ReadTime(r, 10)!.Value,
                Category = Enum.TryParse<SyncErrorCategory>(r.GetString(11), out var category) ? category : SyncErrorCategory.Record,
            });
        return page;
    }

    /// <summary>An entry is about a local key as the source of a To pass or the destination of a From pass (and the
    /// other way round for an integration key).</summary>
    private static void RecordFilter(List<string> where, DbCommand command, ErrorQuery query)
    {
        const string to = nameof(SyncDirection.ToIntegrationTable), from = nameof(SyncDirection.FromIntegrationTable);
        if (query.LocalKey is not null)
        {
            where.Add($"((direction = '{to}' AND source_key = @local_key) OR (direction = '{from}' AND destination_key = @local_key))");
            command.With("@local_key", query.LocalKey);
        }
        if (query.Category is not null)
        {
            where.Add("category = @category");
            command.With("@category", query.Category.ToString());
        }
        if (query.Direction is not null)
        {
            where.Add("direction = @direction");
            command.With("@direction", query.Direction.ToString());
        }
        if (query.IntegrationKey is not null)
        {
            where.Add($"((direction = '{from}' AND source_key = @integration_key) OR (direction = '{to}' AND destination_key = @integration_key))");
            command.With("@integration_key", query.IntegrationKey);
        }
    }

    /// <summary>Deletes entries created before <paramref name="cutoff"/> (optionally of some mappings); returns how many.</summary>
    public int PurgeOlderThan(DateTime cutoff, IReadOnlyList<string>? mappings = null) =>
        Purge("created_at < @cut", mappings, c => c.With("@cut", StoreValues.Time(cutoff)));

    public int PurgeAll(IReadOnlyList<string>? mappings = null) => Purge(null, mappings, _ => { });

    public int PurgeIds(IReadOnlyCollection<long> ids) => _store.InTransaction(() =>
        ids.Chunk(500).Sum(chunk =>
        {
            using var command = _store.Command($"DELETE FROM errors WHERE id IN ({string.Join(",", chunk)})");
            return command.ExecuteNonQuery();
        }));

    public long Count(string? mapping = null)
    {
        using var command = _store.Command("SELECT count(*) FROM errors" + (mapping is null ? "" : " WHERE mapping = @m"));
        command.With("@m", mapping);
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private int Purge(string? condition, IReadOnlyList<string>? mappings, Action<DbCommand> bind)
    {
        var where = new List<string>();
        using var command = _store.Command("");
        if (condition is not null) where.Add(condition);
        QueryFilters.Names(where, command, "mapping", mappings);
        bind(command);
        command.CommandText = "DELETE FROM errors" + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "");
        return _store.InTransaction(() => { _store.Enlist(command); return command.ExecuteNonQuery(); });
    }
}
