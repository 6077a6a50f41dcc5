using System.Data.Common;
using SyncAdmin.Engine.Configuration;

namespace SyncAdmin.Engine.State;

/// <summary>Couplings of every mapping. Reads and writes go by batches of keys so a page of records costs a handful of
/// statements, with commands prepared once and reused.</summary>
public sealed class CouplingStore
{
    private const int KeysPerQuery = 500;
    private const string Columns = """
        id, mapping, local_key, integration_key, local_base, integration_base, local_stamp, integration_stamp,
        to_result, to_job, to_message, to_time, from_result, from_job, from_message, from_time,
        failure_count, skipped, skip_reason, skipped_at, pending, created_at, synced_at
        """;

    private readonly StateStore _store;
    private DbCommand? _insert;
    private DbCommand? _update;

    internal CouplingStore(StateStore store) => _store = store;

    public Coupling? Find(string mapping, Side side, string key) =>
        FindMany(mapping, side, new[] { key }).GetValueOrDefault(key);

    /// <summary>The couplings whose key on <paramref name="side"/> is one of <paramref name="keys"/>, by that key.</summary>
    public Dictionary<string, Coupling> FindMany(string mapping, Side side, IReadOnlyCollection<string> keys)
    {
        var column = KeyColumn(side);
        var result = new Dictionary<string, Coupling>(keys.Count);
        foreach (var chunk in keys.Distinct().Chunk(KeysPerQuery))
        {
            var names = chunk.Select((_, i) => "@k" + i).ToList();
            using var command = _store.Command($"SELECT {Columns} FROM couplings WHERE mapping = @m AND {column} IN ({string.Join(",", names)})");
            command.With("@m", mapping);
            for (var i = 0; i < chunk.Length; i++) command.With(names[i], chunk[i]);
            foreach (var coupling in Read(command)) result[coupling.Key(side)!] = coupling;
        }
        return result;
    }

    public Coupling? FindById(long id)
    {
        using var command = _store.Command($"SELECT {Columns} FROM couplings WHERE id = @id");
        command.With("@id", id);
        return Read(command).FirstOrDefault();
    }

    /// <summary>Records whose last sync in <paramref name="pass"/> failed or was interrupted, not skipped, by id.</summary>
    public IReadOnlyList<Coupling> RetryPage(string mapping, SyncDirection pass, long afterId, int limit)
    {
        var column = pass == SyncDirection.ToIntegrationTable ? "to_result" : "from_result";
        using var command = _store.Command(
            $"SELECT {Columns} FROM couplings WHERE mapping = @m AND {column} >= 2 AND skipped = 0 AND id > @after ORDER BY id" + _store.Dialect.Limit(limit));
        command.With("@m", mapping).With("@after", afterId);
        return Read(command);
    }

    public IReadOnlyList<Coupling> WithPendingIntent(string mapping)
    {
        using var command = _store.Command($"SELECT {Columns} FROM couplings WHERE mapping = @m AND pending IS NOT NULL ORDER BY id");
        command.With("@m", mapping);
        return Read(command);
    }

    /// <summary>A page of a mapping's couplings (null mapping: all), optionally only skipped ones, by id.</summary>
    public IReadOnlyList<Coupling> Page(string? mapping, bool skippedOnly, long afterId, int limit)
    {
        var where = new List<string> { "id > @after" };
        if (mapping is not null) where.Add("mapping = @m");
        if (skippedOnly) where.Add("skipped = 1");
        using var command = _store.Command($"SELECT {Columns} FROM couplings WHERE {string.Join(" AND ", where)} ORDER BY id" + _store.Dialect.Limit(limit));
        command.With("@after", afterId);
        if (mapping is not null) command.With("@m", mapping);
        return Read(command);
    }

    public IEnumerable<Coupling> All(string? mapping, bool skippedOnly)
    {
        long after = 0;
        while (true)
        {
            var page = Page(mapping, skippedOnly, after, 1000);
            foreach (var coupling in page) yield return coupling;
            if (page.Count < 1000) yield break;
            after = page[^1].Id;
        }
    }

    public (long Coupled, long Skipped, long Failed) Counts(string mapping)
    {
        using var command = _store.Command("""
            SELECT COALESCE(SUM(CASE WHEN local_key IS NOT NULL AND integration_key IS NOT NULL THEN 1 ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN skipped = 1 THEN 1 ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN (to_result = 2 OR from_result = 2) AND skipped = 0 THEN 1 ELSE 0 END), 0)
            FROM couplings WHERE mapping = @m
            """);
        command.With("@m", mapping);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (StoreValues.Long(reader, 0), StoreValues.Long(reader, 1), StoreValues.Long(reader, 2));
    }

    /// <summary>Inserts a new coupling or rewrites an existing one (by id).</summary>
    public void Save(Coupling coupling)
    {
        if (coupling.Id == 0)
        {
            if (coupling.CreatedAt == default) coupling.CreatedAt = _store.UtcNow;
            _insert ??= Prepare(_store.Dialect.InsertReturningId("couplings", ParameterNames.Skip(1).Select(p => p[1..]).ToList()));
            Bind(_insert, coupling);
            coupling.Id = Convert.ToInt64(_insert.ExecuteScalar());
            return;
        }
        _update ??= Prepare("""
            UPDATE couplings SET local_key = @local_key, integration_key = @integration_key, local_base = @local_base,
            integration_base = @integration_base, local_stamp = @local_stamp, integration_stamp = @integration_stamp,
            to_result = @to_result, to_job = @to_job, to_message = @to_message, to_time = @to_time,
            from_result = @from_result, from_job = @from_job, from_message = @from_message, from_time = @from_time,
            failure_count = @failure_count, skipped = @skipped, skip_reason = @skip_reason, skipped_at = @skipped_at,
            pending = @pending, created_at = @created_at, synced_at = @synced_at
            WHERE id = @id
            """);
        Bind(_update, coupling);
        _update.ExecuteNonQuery();
    }

    public void Delete(Coupling coupling)
    {
        using var command = _store.Command("DELETE FROM couplings WHERE id = @id");
        command.With("@id", coupling.Id);
        command.ExecuteNonQuery();
    }

    /// <summary>Clears the recorded intent of couplings whose destination writes committed.</summary>
    public void ClearPending(IReadOnlyCollection<long> ids)
    {
        foreach (var chunk in ids.Chunk(KeysPerQuery))
        {
            using var command = _store.Command($"UPDATE couplings SET pending = NULL WHERE id IN ({string.Join(",", chunk)})");
            command.ExecuteNonQuery();
        }
    }

    private static readonly string[] ParameterNames =
    {
        "@id", "@mapping", "@local_key", "@integration_key", "@local_base", "@integration_base", "@local_stamp",
        "@integration_stamp", "@to_result", "@to_job", "@to_message", "@to_time", "@from_result", "@from_job",
        "@from_message", "@from_time", "@failure_count", "@skipped", "@skip_reason", "@skipped_at", "@pending",
        "@created_at", "@synced_at",
    };

    // Both databases ignore parameters a statement does not use, so both statements carry the full set.
    private DbCommand Prepare(string sql)
    {
        var command = _store.Connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in ParameterNames) command.Declare(name);
        return command;
    }

    private void Bind(DbCommand command, Coupling c)
    {
        _store.Enlist(command);
        void Set(string name, object? value) => command.Parameters[name].Value = value ?? DBNull.Value;
        Set("@id", c.Id);
        Set("@mapping", c.Mapping);
        Set("@local_key", c.LocalKey);
        Set("@integration_key", c.IntegrationKey);
        Set("@local_base", c.LocalBase is null ? null : DefinitionJson.Write(c.LocalBase));
        Set("@integration_base", c.IntegrationBase is null ? null : DefinitionJson.Write(c.IntegrationBase));
        Set("@local_stamp", StoreValues.TimeOrNull(c.LocalStamp));
        Set("@integration_stamp", StoreValues.TimeOrNull(c.IntegrationStamp));
        Set("@to_result", (int)c.To.Result);
        Set("@to_job", c.To.JobId);
        Set("@to_message", c.To.Message);
        Set("@to_time", StoreValues.TimeOrNull(c.To.Time));
        Set("@from_result", (int)c.From.Result);
        Set("@from_job", c.From.JobId);
        Set("@from_message", c.From.Message);
        Set("@from_time", StoreValues.TimeOrNull(c.From.Time));
        Set("@failure_count", c.FailureCount);
        Set("@skipped", c.Skipped ? 1 : 0);
        Set("@skip_reason", c.SkipReason);
        Set("@skipped_at", StoreValues.TimeOrNull(c.SkippedAt));
        Set("@pending", c.Pending is null ? null : DefinitionJson.Write(c.Pending));
        Set("@created_at", StoreValues.Time(c.CreatedAt));
        Set("@synced_at", StoreValues.TimeOrNull(c.SyncedAt));
    }

    private static string KeyColumn(Side side) => side == Side.Local ? "local_key" : "integration_key";

    private static List<Coupling> Read(DbCommand command)
    {
        var result = new List<Coupling>();
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            var c = new Coupling
            {
                Id = StoreValues.Long(r, 0),
                Mapping = r.GetString(1),
                LocalKey = StoreValues.ReadString(r, 2),
                IntegrationKey = StoreValues.ReadString(r, 3),
                LocalBase = r.IsDBNull(4) ? null : DefinitionJson.Read<FieldValues>(r.GetString(4)),
                IntegrationBase = r.IsDBNull(5) ? null : DefinitionJson.Read<FieldValues>(r.GetString(5)),
                LocalStamp = StoreValues.ReadTime(r, 6),
                IntegrationStamp = StoreValues.ReadTime(r, 7),
                FailureCount = StoreValues.Int(r, 16),
                Skipped = StoreValues.Long(r, 17) != 0,
                SkipReason = StoreValues.ReadString(r, 18),
                SkippedAt = StoreValues.ReadTime(r, 19),
                Pending = r.IsDBNull(20) ? null : DefinitionJson.Read<PendingIntent>(r.GetString(20)),
                CreatedAt = StoreValues.ReadTime(r, 21)!.Value,
                SyncedAt = StoreValues.ReadTime(r, 22),
            };
            ReadStatus(c.To, r, 8);
            ReadStatus(c.From, r, 12);
            result.Add(c);
        }
        return result;
    }

    private static void ReadStatus(DirectionStatus status, DbDataReader r, int first)
    {
        status.Result = (SyncResult)StoreValues.Int(r, first);
        status.JobId = StoreValues.ReadLong(r, first + 1);
        status.Message = StoreValues.ReadString(r, first + 2);
        status.Time = StoreValues.ReadTime(r, first + 3);
    }
}
