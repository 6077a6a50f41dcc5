using System.Data.Common;
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
        using var command = _store.Command(_store.Dialect.InsertReturningId("jobs", new[] { "mapping", "direction", "kind", "status", "started_at" }));
        command.With("@mapping", job.Mapping).With("@direction", job.Direction.ToString()).With("@kind", job.Kind.ToString())
            .With("@status", job.Status.ToString()).With("@started_at", StoreValues.Time(job.StartedAt));
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

    /// <summary>Ends the jobs of a mapping still marked Running (their run died: the caller took over its lease).</summary>
    public int Interrupt(string mapping, string message)
    {
        using var command = _store.Command("UPDATE jobs SET status = @s, finished_at = @f, message = @msg WHERE mapping = @m AND status = @running");
        command.With("@s", JobStatus.Interrupted.ToString()).With("@f", StoreValues.Time(_store.UtcNow)).With("@msg", message)
            .With("@m", mapping).With("@running", JobStatus.Running.ToString());
        return command.ExecuteNonQuery();
    }

    /// <summary>The jobs an error in the log, a skipped record's last result or an unfinished intent still refers to:
    /// removing them would take the reason away.</summary>
    private const string Referenced = """
        id IN (SELECT job_id FROM errors WHERE job_id IS NOT NULL
               UNION SELECT to_job FROM couplings WHERE skipped = 1 AND to_job IS NOT NULL
               UNION SELECT from_job FROM couplings WHERE skipped = 1 AND from_job IS NOT NULL
               UNION SELECT job FROM intents WHERE job IS NOT NULL)
        """;

    /// <summary>Removes finished jobs started before <paramref name="before"/> (or these <paramref name="ids"/>), of some
    /// mappings or all. A running job always stays; a job something still refers to stays unless
    /// <paramref name="includeReferenced"/>. Returns how many went and how many stayed for that reason.</summary>
    public JobPurge Purge(DateTime? before, IReadOnlyList<string>? mappings, IReadOnlyCollection<long>? ids, bool includeReferenced) =>
        _store.InTransaction(() =>
        {
            DbCommand Select(string verb, string? extra)
            {
                var command = _store.Command("");
                var where = new List<string> { "status <> @running" };
                command.With("@running", JobStatus.Running.ToString());
                QueryFilters.Names(where, command, "mapping", mappings);
                if (ids is not null) where.Add(ids.Count == 0 ? "1 = 0" : $"id IN ({string.Join(",", ids)})");
                if (before is not null) { where.Add("started_at < @before"); command.With("@before", StoreValues.Time(before.Value)); }
                if (extra is not null) where.Add(extra);
                command.CommandText = $"{verb} FROM jobs WHERE {string.Join(" AND ", where)}";
                return command;
            }
            var kept = 0;
            if (!includeReferenced)
            {
                using var count = Select("SELECT count(*)", Referenced);
                kept = Convert.ToInt32(count.ExecuteScalar());
            }
            using var delete = Select("DELETE", includeReferenced ? null : "NOT " + Referenced);
            return new JobPurge(delete.ExecuteNonQuery(), kept);
        });

    public long Count(string mapping)
    {
        using var command = _store.Command("SELECT count(*) FROM jobs WHERE mapping = @m");
        command.With("@m", mapping);
        return Convert.ToInt64(command.ExecuteScalar());
    }

    /// <summary>Jobs newest first, filtered by mapping names, job id and start time.</summary>
    public IReadOnlyList<SyncJob> Query(JobQuery query)
    {
        using var command = _store.Command("");
        command.CommandText = "SELECT id, mapping, direction, kind, status, started_at, finished_at, inserted, modified, deleted, " +
                              "unchanged, skipped, failed, coupled, uncoupled, message FROM jobs" +
                              QueryFilters.WhereNewestFirst(command, _store.Dialect, query.Mappings, ("id", null), "started_at", query.After, query.Before, query.Newest,
                                  ids: query.Ids);
        var result = new List<SyncJob>();
        using var r = command.ExecuteReader();
        while (r.Read())
            result.Add(new SyncJob
            {
                Id = StoreValues.Long(r, 0),
                Mapping = r.GetString(1),
                Direction = Enum.Parse<SyncDirection>(r.GetString(2)),
                Kind = Enum.Parse<JobKind>(r.GetString(3)),
                Status = Enum.Parse<JobStatus>(r.GetString(4)),
                StartedAt = StoreValues.ReadTime(r, 5)!.Value,
                FinishedAt = StoreValues.ReadTime(r, 6),
                Inserted = StoreValues.Int(r, 7),
                Modified = StoreValues.Int(r, 8),
                Deleted = StoreValues.Int(r, 9),
                Unchanged = StoreValues.Int(r, 10),
                Skipped = StoreValues.Int(r, 11),
                Failed = StoreValues.Int(r, 12),
                Coupled = StoreValues.Int(r, 13),
                Uncoupled = StoreValues.Int(r, 14),
                Message = StoreValues.ReadString(r, 15),
            });
        return result;
    }
}

/// <summary>What a purge of the job history did: jobs removed, and jobs kept because errors or skipped records refer to them.</summary>
public sealed record JobPurge(int Removed, int KeptReferenced);

public sealed record JobQuery
{
    public IReadOnlyList<string>? Mappings { get; init; }
    /// <summary>Only these jobs (Get-SyncJob -Id).</summary>
    public IReadOnlyCollection<long>? Ids { get; init; }
    public DateTime? After { get; init; }
    public DateTime? Before { get; init; }
    public int? Newest { get; init; }
}
