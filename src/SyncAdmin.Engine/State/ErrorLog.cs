using Microsoft.Data.Sqlite;
using SyncAdmin.Engine.Configuration;

namespace SyncAdmin.Engine.State;

/// <summary>The synchronization error log. Purging it never touches couplings, so a skipped record keeps its reason.</summary>
public sealed class ErrorLog
{
    private readonly StateStore _store;
    private SqliteCommand? _insert;

    internal ErrorLog(StateStore store) => _store = store;

    public void Add(SyncError error)
    {
        if (error.CreatedAt == default) error.CreatedAt = _store.UtcNow;
        if (_insert is null)
        {
            _insert = _store.Connection.CreateCommand();
            _insert.CommandText = """
                INSERT INTO errors(job_id, mapping, direction, source_table, source_key, destination_table, destination_key,
                                   message, detail, created_at)
                VALUES (@job, @mapping, @direction, @st, @sk, @dt, @dk, @message, @detail, @created) RETURNING id
                """;
            foreach (var name in new[] { "@job", "@mapping", "@direction", "@st", "@sk", "@dt", "@dk", "@message", "@detail", "@created" })
                _insert.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        _store.Enlist(_insert);
        object? V(object? value) => value ?? DBNull.Value;
        _insert.Parameters["@job"].Value = V(error.JobId);
        _insert.Parameters["@mapping"].Value = error.Mapping;
        _insert.Parameters["@direction"].Value = error.Direction.ToString();
        _insert.Parameters["@st"].Value = V(error.SourceTable);
        _insert.Parameters["@sk"].Value = V(error.SourceKey);
        _insert.Parameters["@dt"].Value = V(error.DestinationTable);
        _insert.Parameters["@dk"].Value = V(error.DestinationKey);
        _insert.Parameters["@message"].Value = error.Message;
        _insert.Parameters["@detail"].Value = V(error.Detail);
        _insert.Parameters["@created"].Value = StoreValues.Time(error.CreatedAt);
        error.Id = Convert.ToInt64(_insert.ExecuteScalar());
    }

    /// <summary>Errors newest first, streamed.</summary>
    public IEnumerable<SyncError> Query(ErrorQuery query)
    {
        using var command = _store.Command("");
        command.CommandText = "SELECT id, job_id, mapping, direction, source_table, source_key, destination_table, destination_key, " +
                              "message, detail, created_at FROM errors" +
                              QueryFilters.WhereNewestFirst(command, query.Mappings, ("job_id", query.JobId), "created_at", query.After, query.Before, query.Newest);
        using var r = command.ExecuteReader();
        while (r.Read())
            yield return new SyncError
            {
                Id = r.GetInt64(0),
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
            };
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

    private int Purge(string? condition, IReadOnlyList<string>? mappings, Action<SqliteCommand> bind)
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
