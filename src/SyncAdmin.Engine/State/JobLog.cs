using Microsoft.Data.Sqlite;
using SyncAdmin.Engine.Configuration;

namespace SyncAdmin.Engine.State;

/// <summary>Job history: one row per pass, written when it starts and when it ends.</summary>
public sealed class JobLog
{
    private readonly StateStore _store;

    internal JobLog(StateStore store) => _store = store;

    public void Start(SyncJob job)
    {
        job.StartedAt = _store.UtcNow;
        using var command = _store.Command(
            "INSERT INTO jobs(mapping, direction, kind, status, started_at) VALUES (@m, @d, @k, @s, @t) RETURNING id");
        command.With("@m", job.Mapping).With("@d", job.Direction.ToString()).With("@k", job.Kind.ToString())
            .With("@s", job.Status.ToString()).With("@t", StoreValues.Time(job.StartedAt));
        job.Id = Convert.ToInt64(command.ExecuteScalar());
    }

    public void Finish(SyncJob job, JobStatus status, string? message = null)
    {
        job.Status = status;
        job.Message = message ?? job.Message;
        job.FinishedAt = _store.UtcNow;
        using var command = _store.Command("""
            UPDATE jobs SET status = @s, finished_at = @f, inserted = @ins, modified = @mod, deleted = @del, unchanged = @unc,
                skipped = @skp, failed = @fail, coupled = @cpl, uncoupled = @ucpl, message = @msg WHERE id = @id
            """);
        command.With("@s", status.ToString()).With("@f", StoreValues.Time(job.FinishedAt.Value)).With("@ins", job.Inserted)
            .With("@mod", job.Modified).With("@del", job.Deleted).With("@unc", job.Unchanged).With("@skp", job.Skipped)
            .With("@fail", job.Failed).With("@cpl", job.Coupled).With("@ucpl", job.Uncoupled).With("@msg", job.Message)
            .With("@id", job.Id);
        command.ExecuteNonQuery();
    }

    /// <summary>Jobs newest first, filtered by mapping names, job id and start time.</summary>
    public IReadOnlyList<SyncJob> Query(JobQuery query)
    {
        var where = new List<string>();
        using var command = _store.Command("");
        QueryFilters.Names(where, command, "mapping", query.Mappings);
        if (query.Id is not null) { where.Add("id = @id"); command.With("@id", query.Id); }
        if (query.After is not null) { where.Add("started_at >= @after"); command.With("@after", StoreValues.Time(query.After.Value)); }
        if (query.Before is not null) { where.Add("started_at < @before"); command.With("@before", StoreValues.Time(query.Before.Value)); }
        command.CommandText = "SELECT id, mapping, direction, kind, status, started_at, finished_at, inserted, modified, deleted, " +
                              "unchanged, skipped, failed, coupled, uncoupled, message FROM jobs" +
                              (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") +
                              " ORDER BY id DESC" + (query.Newest is > 0 ? $" LIMIT {query.Newest.Value}" : "");
        var result = new List<SyncJob>();
        using var r = command.ExecuteReader();
        while (r.Read())
            result.Add(new SyncJob
            {
                Id = r.GetInt64(0),
                Mapping = r.GetString(1),
                Direction = Enum.Parse<SyncDirection>(r.GetString(2)),
                Kind = Enum.Parse<JobKind>(r.GetString(3)),
                Status = Enum.Parse<JobStatus>(r.GetString(4)),
                StartedAt = StoreValues.ReadTime(r, 5)!.Value,
                FinishedAt = StoreValues.ReadTime(r, 6),
                Inserted = r.GetInt32(7),
                Modified = r.GetInt32(8),
                Deleted = r.GetInt32(9),
                Unchanged = r.GetInt32(10),
                Skipped = r.GetInt32(11),
                Failed = r.GetInt32(12),
                Coupled = r.GetInt32(13),
                Uncoupled = r.GetInt32(14),
                Message = StoreValues.ReadString(r, 15),
            });
        return result;
    }
}

public sealed record JobQuery
{
    public IReadOnlyList<string>? Mappings { get; init; }
    public long? Id { get; init; }
    public DateTime? After { get; init; }
    public DateTime? Before { get; init; }
    public int? Newest { get; init; }
}

/// <summary>Shared WHERE pieces of the log queries.</summary>
internal static class QueryFilters
{
    public static void Names(List<string> where, SqliteCommand command, string column, IReadOnlyList<string>? names)
    {
        if (names is null || names.Count == 0) return;
        var parameters = names.Select((n, i) => { command.With($"@{column}{i}", n); return $"@{column}{i}"; });
        where.Add($"{column} IN ({string.Join(",", parameters)})");
    }
}
