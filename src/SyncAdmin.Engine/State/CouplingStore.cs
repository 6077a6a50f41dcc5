using System.Data.Common;
using System.Globalization;
using SyncAdmin.Engine.Configuration;

namespace SyncAdmin.Engine.State;

/// <summary>Couplings of every mapping. Reads and writes go by batches of keys so a page of records costs a handful of
/// statements, with commands prepared once and reused.</summary>
public sealed class CouplingStore : IDisposable
{
    private const int KeysPerQuery = 500;
    private static readonly int[] KeyBatchSizes = { 1, 10, 100, KeysPerQuery };
    private const string Columns = """
        id, mapping, local_key, integration_key, local_base, integration_base, local_stamp, integration_stamp,
        to_result, to_job, to_message, to_time, from_result, from_job, from_message, from_time,
        failure_count, skipped, skip_reason, skipped_at, pending, created_at, synced_at, pending_job
        """;

    /// <summary>What a read selects: every column, and the coupling's write intent if it has one (the <c>pending</c> and
    /// <c>pending_job</c> columns are no longer written: intents have their own table since store version 4).</summary>
    private const string Selected = Columns + ", intents.intent, intents.confirmed_row";
    private const string FromCouplings = "couplings LEFT JOIN intents ON intents.coupling_id = couplings.id";
    private const string NoIntent = "NOT EXISTS (SELECT 1 FROM intents WHERE intents.coupling_id = couplings.id)";

    private readonly StateStore _store;
    private StoreWrite? _insert;
    private StoreWrite? _insertIntent;
    private StoreWrite? _deleteIntent;
    private readonly Dictionary<long, StoreWrite> _updates = new();
    private readonly Dictionary<(Side, SyncDirection, int), DbCommand> _finds = new();
    private readonly Dictionary<(Side, SyncDirection, int), DbCommand> _echoes = new();

    internal CouplingStore(StateStore store) => _store = store;

    public Coupling? Find(string mapping, Side side, string key) =>
        FindMany(mapping, side, new[] { key }).GetValueOrDefault(key);

    /// <summary>The couplings whose key on <paramref name="side"/> is one of <paramref name="keys"/>, by that key.
    /// IN lists are padded up to one of a few sizes (repeating the last key), so a handful of prepared statements
    /// serve every page instead of one statement compiled per page.</summary>
    public Dictionary<string, Coupling> FindMany(string mapping, Side side, IReadOnlyCollection<string> keys)
    {
        var result = new Dictionary<string, Coupling>(keys.Count);
        foreach (var chunk in keys.Distinct().Chunk(KeysPerQuery))
        {
            var command = KeyQuery(_finds, (side, SyncDirection.Bidirectional), chunk,
                keys => $"SELECT {Selected} FROM {FromCouplings} WHERE mapping = @m AND {keys(KeyColumn(side))}");
            command.Parameters[0].Value = mapping;
            foreach (var coupling in Read(command)) result[coupling.Key(side)!] = coupling;
        }
        return result;
    }

    /// <summary>Of the couplings with these keys on <paramref name="side"/>, those a pass in <paramref name="pass"/> may
    /// take an echo from (synchronized before, not skipped, no write pending, the last outcome in this direction not a
    /// failure or an interruption), with the side's modified-on as of their last sync (as the store writes it,
    /// <see cref="StoreValues.Time(DateTime)"/>: one instant has one text) and the counterpart's key, by key. Two columns per coupling:
    /// a pass that reads back a million rows it wrote compares them here without loading a coupling or a row.</summary>
    public Dictionary<string, (string Stamp, string Counterpart)> EchoStamps(string mapping, Side side, SyncDirection pass, IReadOnlyCollection<string> keys)
    {
        var result = new Dictionary<string, (string, string)>(keys.Count, StringComparer.Ordinal);
        var prefix = side == Side.Local ? "local" : "integration";
        var other = side == Side.Local ? "integration" : "local";
        var outcome = pass == SyncDirection.ToIntegrationTable ? "to_result" : "from_result";
        foreach (var chunk in keys.Distinct().Chunk(KeysPerQuery))
        {
            var command = KeyQuery(_echoes, (side, pass), chunk,
                list => $"SELECT {prefix}_key, {prefix}_stamp, {other}_key FROM couplings WHERE mapping = @m AND {list($"{prefix}_key")} " +
                        $"AND {prefix}_base IS NOT NULL AND {prefix}_stamp IS NOT NULL AND skipped = 0 AND {outcome} IN " +
                        $"({(int)SyncResult.None}, {(int)SyncResult.Succeeded}) AND {NoIntent}");
            command.Parameters[0].Value = mapping;
            using var reader = command.ExecuteReader();
            // The counterpart's key is checked here, not in the statement: a condition on it would let the planner pick the
            // index on that key and scan every coupling of the mapping.
            while (reader.Read())
                if (!reader.IsDBNull(2)) result[reader.GetString(0)] = (reader.GetString(1), reader.GetString(2));
        }
        return result;
    }

    /// <summary>A prepared statement whose first parameter is <c>@m</c> and whose <paramref name="sql"/> puts the keys of
    /// <paramref name="chunk"/> where it calls the condition it is given: one JSON array parameter where the store takes
    /// key lists, else an IN list padded up to one of a few sizes (repeating the last key) so a handful of statements serve
    /// every page. The keys are bound; the caller binds <c>@m</c>.</summary>
    private DbCommand KeyQuery(Dictionary<(Side, SyncDirection, int), DbCommand> cache, (Side Side, SyncDirection Pass) shape, string[] chunk,
        Func<Func<string, string>, string> sql)
    {
        var json = _store.Dialect.TakesKeyLists;
        var size = json ? 0 : KeyBatchSizes.First(s => s >= chunk.Length);
        if (!cache.TryGetValue((shape.Side, shape.Pass, size), out var command))
        {
            command = _store.Connection.CreateCommand();
            command.CommandText = sql(column => json
                ? Providers.KeyList.Condition(column)
                : $"{column} IN ({string.Join(",", Enumerable.Range(0, size).Select(i => "@k" + i))})");
            command.Declare("@m");
            if (json) command.Declare(Providers.KeyList.Parameter);
            else for (var i = 0; i < size; i++) command.Declare("@k" + i);
            cache[(shape.Side, shape.Pass, size)] = command;
        }
        _store.Enlist(command);
        if (json) command.Parameters[1].Value = Providers.KeyList.Json(chunk);
        else for (var i = 0; i < size; i++) command.Parameters[i + 1].Value = chunk[Math.Min(i, chunk.Length - 1)];
        return command;
    }

    public Coupling? FindById(long id)
    {
        using var command = _store.Command($"SELECT {Selected} FROM {FromCouplings} WHERE id = @id");
        command.With("@id", id);
        return Read(command).FirstOrDefault();
    }

    /// <summary>Records whose last sync in <paramref name="pass"/> failed or was interrupted, not skipped, by id.</summary>
    public IReadOnlyList<Coupling> RetryPage(string mapping, SyncDirection pass, long afterId, int limit)
    {
        var column = pass == SyncDirection.ToIntegrationTable ? "to_result" : "from_result";
        using var command = _store.Command(
            $"SELECT {Selected} FROM {FromCouplings} WHERE mapping = @m AND {column} >= 2 AND skipped = 0 AND id > @after ORDER BY id" + _store.Dialect.Limit(limit));
        command.With("@m", mapping).With("@after", afterId);
        return Read(command);
    }

    /// <summary>Drops intents whose coupling is gone (left by a build that wrote intents without checking for their
    /// coupling), so that no new coupling given the same id inherits one. Returns how many went.</summary>
    public int DropOrphanIntents()
    {
        using var command = _store.Command("DELETE FROM intents WHERE NOT EXISTS (SELECT 1 FROM couplings WHERE couplings.id = intents.coupling_id)");
        return command.ExecuteNonQuery();
    }

    /// <summary>Couplings with a write announced and not confirmed.</summary>
    public IReadOnlyList<Coupling> WithPendingIntent(string mapping)
    {
        // The intents lead (CROSS JOIN keeps SQLite from scanning every coupling to probe a table that is almost always empty).
        using var command = _store.Command(
            $"SELECT {Selected} FROM intents CROSS JOIN couplings WHERE couplings.id = intents.coupling_id AND mapping = @m ORDER BY couplings.id");
        command.With("@m", mapping);
        return Read(command);
    }

    /// <summary>A page of a mapping's couplings (null mapping: all), optionally only skipped ones, by id.</summary>
    public IReadOnlyList<Coupling> Page(string? mapping, bool skippedOnly, long afterId, int limit)
    {
        var where = new List<string> { "id > @after" };
        if (mapping is not null) where.Add("mapping = @m");
        if (skippedOnly) where.Add("skipped = 1");
        using var command = _store.Command($"SELECT {Selected} FROM {FromCouplings} WHERE {string.Join(" AND ", where)} ORDER BY id" + _store.Dialect.Limit(limit));
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

    /// <summary>Whether a mapping has any coupling row (a first run has none): two index probes, not a count. A coupling
    /// always has a key on one side, and only the key indexes lead with the mapping: "WHERE mapping = @m" alone scanned
    /// every other mapping's couplings. (No LIMIT: SQL Server takes OFFSET … FETCH only after an ORDER BY.)</summary>
    public bool Any(string mapping)
    {
        using var command = _store.Command("""
            SELECT CASE WHEN EXISTS (SELECT 1 FROM couplings WHERE mapping = @m AND local_key IS NOT NULL)
                          OR EXISTS (SELECT 1 FROM couplings WHERE mapping = @m AND integration_key IS NOT NULL) THEN 1 ELSE 0 END
            """);
        command.With("@m", mapping);
        return Convert.ToInt64(command.ExecuteScalar()) == 1;
    }

    /// <summary>Every coupling row of a mapping, failed inserts included.</summary>
    public long Count(string mapping)
    {
        using var command = _store.Command("SELECT count(*) FROM couplings WHERE mapping = @m");
        command.With("@m", mapping);
        return Convert.ToInt64(command.ExecuteScalar());
    }

    public (long Coupled, long Skipped, long Failed) Counts(string mapping)
    {
        // A join, not a subquery: SQL Server takes no subquery inside an aggregate.
        using var command = _store.Command($"""
            SELECT COALESCE(SUM(CASE WHEN local_key IS NOT NULL AND integration_key IS NOT NULL
                                     AND (intents.intent IS NULL OR intents.intent NOT LIKE '%"Operation":"Insert"%') THEN 1 ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN skipped = 1 THEN 1 ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN (to_result = 2 OR from_result = 2) AND skipped = 0 THEN 1 ELSE 0 END), 0)
            FROM {FromCouplings} WHERE mapping = @m
            """);
        command.With("@m", mapping);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (StoreValues.Long(reader, 0), StoreValues.Long(reader, 1), StoreValues.Long(reader, 2));
    }

    /// <summary>Inserts a new coupling, or writes the columns of an existing one (by id) that differ from what the store
    /// holds: a page's results then rewrite only the status columns, not the keys (and their unique indexes) or unchanged
    /// bases. What the store holds is known from the last read or write of this object in the store's current
    /// transaction epoch; without that every column is written. The coupling's intent is kept in <c>intents</c>: announcing
    /// a write adds a row there and does not touch the coupling's, and the next save that finds no intent removes it.
    ///
    /// <para>A first insert being announced (new, its intent an insert whose outcome is Pending for the announcing job) is
    /// written as it will stand once confirmed (<c>confirmed_row</c>): confirming it only deletes its intent
    /// (<see cref="ConfirmInserts"/>). Reads give it back as announced (intent, Pending outcome).</para></summary>
    public void Save(Coupling coupling)
    {
        var values = Values(coupling);
        if (coupling.Id == 0)
        {
            if (coupling.CreatedAt == default) coupling.CreatedAt = _store.UtcNow;
            var names = InsertedColumns.Select(i => ColumnNames[i]).ToList();
            _insert ??= _store.Dialect.PrepareWrite(_store.Connection, _store.Dialect.InsertReturningId("couplings", names),
                names.Select(n => "@" + n).ToList(), InsertedColumns, returnsId: true);
            var first = FirstInsertAnnounced(coupling);
            if (first is not null) values = Confirmed(coupling, first, values);
            coupling.Id = _insert.Execute(values, _store.Transaction);
            values[0] = coupling.Id;
            coupling.StoredIntent = null;
            SaveIntent(coupling, confirmedRow: first is not null, known: true);
            Remember(coupling, values);
            return;
        }
        var known = coupling.StoredEpoch == _store.Epoch;
        var stored = known ? coupling.Stored : null;
        long changed = 0;
        for (var i = FirstUpdatable; i < ColumnNames.Length; i++)
            if (stored is null || !Equals(stored[i], values[i])) changed |= 1L << i;
        if (changed != 0)
        {
            if (!_updates.TryGetValue(changed, out var update))
            {
                var columns = Enumerable.Range(FirstUpdatable, ColumnNames.Length - FirstUpdatable).Where(i => (changed & (1L << i)) != 0).Append(0).ToArray();
                var sets = columns.SkipLast(1).Select(i => $"{ColumnNames[i]} = @{ColumnNames[i]}");
                _updates[changed] = update = _store.Dialect.PrepareWrite(_store.Connection,
                    $"UPDATE couplings SET {string.Join(", ", sets)} WHERE id = @id", columns.Select(i => "@" + ColumnNames[i]).ToList(), columns,
                    returnsId: false);
            }
            update.Execute(values, _store.Transaction);
        }
        // The row now holds the coupling as it is in memory, so an intent left is never a confirmed row's.
        SaveIntent(coupling, confirmedRow: false, known && !coupling.ConfirmedRow);
        Remember(coupling, values);
    }

    /// <summary>Makes the store's intent for a saved coupling its <see cref="Coupling.Pending"/>; <paramref name="known"/>
    /// says <see cref="Coupling.StoredIntent"/> is what the store holds, so an unchanged intent is not written again.</summary>
    private void SaveIntent(Coupling coupling, bool confirmedRow, bool known)
    {
        var json = Json(coupling.Pending);
        if (known && json == coupling.StoredIntent) return;
        if (!known || coupling.StoredIntent is not null) DeleteIntent(coupling.Id);
        if (json is not null)
        {
            // Only for a coupling that exists: one removed meanwhile by another process (Remove-Coupling takes no lease)
            // must not leave an intent behind for whichever coupling SQLite gives its id next.
            _insertIntent ??= _store.Dialect.PrepareWrite(_store.Connection,
                "INSERT INTO intents(coupling_id, job, intent, confirmed_row) SELECT @id, @job, @intent, @confirmed " +
                "WHERE EXISTS (SELECT 1 FROM couplings WHERE id = @id)",
                new[] { "@id", "@job", "@intent", "@confirmed" }, new[] { 0, 1, 2, 3 }, returnsId: false);
            _insertIntent.Execute(new object?[] { coupling.Id, coupling.Pending!.JobId, json, confirmedRow ? 1L : 0L }, _store.Transaction);
        }
        coupling.StoredIntent = json;
        coupling.ConfirmedRow = json is not null && confirmedRow;
    }

    public void Delete(Coupling coupling)
    {
        coupling.Stored = null;
        DeleteIntent(coupling.Id);
        using var command = _store.Command("DELETE FROM couplings WHERE id = @id");
        command.With("@id", coupling.Id);
        command.ExecuteNonQuery();
    }

    /// <summary>Confirms first inserts whose destination writes committed, one statement per page: their rows were written
    /// as confirmed, so only their intents go. Only what this job announced is touched: a late run never confirms (or
    /// clears) what another run announced since. An insert whose row does not hold its confirmed state (saved again since
    /// it was announced) has that state written here.</summary>
    public void ConfirmInserts(IReadOnlyCollection<long> ids, SyncDirection pass, long jobId)
    {
        if (ids.Count == 0) return;
        _store.ForgetStoredCouplings();
        var prefix = pass == SyncDirection.ToIntegrationTable ? "to" : "from";
        foreach (var chunk in ids.Chunk(KeysPerQuery))
        {
            var list = string.Join(",", chunk);
            using var confirmed = _store.Command($"DELETE FROM intents WHERE coupling_id IN ({list}) AND job = @job AND confirmed_row = 1");
            if (confirmed.With("@job", jobId).ExecuteNonQuery() == chunk.Length) continue;
            using var rows = _store.Command(
                $"UPDATE couplings SET {prefix}_result = {(int)SyncResult.Succeeded}, {prefix}_job = @job, {prefix}_message = NULL, " +
                $"{prefix}_time = @now, failure_count = 0, synced_at = @now " +
                $"WHERE id IN ({list}) AND EXISTS (SELECT 1 FROM intents WHERE intents.coupling_id = couplings.id AND intents.job = @job)");
            rows.With("@job", jobId).With("@now", StoreValues.Time(_store.UtcNow)).ExecuteNonQuery();
            using var rest = _store.Command($"DELETE FROM intents WHERE coupling_id IN ({list}) AND job = @job");
            rest.With("@job", jobId).ExecuteNonQuery();
        }
    }

    /// <summary>The columns in <see cref="Columns"/> order; bit i of an update mask stands for column i.</summary>
    private static readonly string[] ColumnNames = Columns.Split(',').Select(c => c.Trim()).ToArray();
    private const int FirstUpdatable = 2; // id and mapping never change
    private static readonly int[] InsertedColumns = Enumerable.Range(1, ColumnNames.Length - 1).ToArray(); // all but id

    private void DeleteIntent(long id)
    {
        _deleteIntent ??= _store.Dialect.PrepareWrite(_store.Connection, "DELETE FROM intents WHERE coupling_id = @id",
            new[] { "@id" }, new[] { 0 }, returnsId: false);
        _deleteIntent.Execute(new object?[] { id }, _store.Transaction);
    }

    /// <summary>The intent of a first insert being announced by <see cref="PageWriter"/>, or null.</summary>
    private static PendingIntent? FirstInsertAnnounced(Coupling coupling) =>
        coupling.Pending is { Operation: PendingOperation.Insert } intent
        && coupling.Status(intent.Direction) is { Result: SyncResult.Pending } status && status.JobId == intent.JobId
            ? intent
            : null;

    /// <summary>The columns of an announced first insert as confirming it makes them: the direction's outcome Succeeded
    /// at the time of the announcement.</summary>
    private object?[] Confirmed(Coupling coupling, PendingIntent intent, object?[] values)
    {
        var first = intent.Direction == SyncDirection.ToIntegrationTable ? 8 : 12;
        var time = coupling.Status(intent.Direction).Time ?? _store.UtcNow;
        values[first] = (long)SyncResult.Succeeded;
        values[first + 1] = intent.JobId;
        values[first + 2] = null;
        values[first + 3] = StoreValues.Time(time);
        values[16] = 0L; // failure_count
        values[22] = StoreValues.Time(time); // synced_at
        return values;
    }

    private void Remember(Coupling coupling, object?[] values)
    {
        coupling.Stored = values;
        coupling.StoredEpoch = _store.Epoch;
    }

    /// <summary>The column values of a coupling as the store keeps them (text, 64-bit integers, or null), in
    /// <see cref="ColumnNames"/> order: what <see cref="Read"/> gets back for the same coupling.</summary>
    private object?[] Values(Coupling c) => new object?[]
    {
        c.Id,
        c.Mapping,
        c.LocalKey,
        c.IntegrationKey,
        c.BaseJson(Side.Local),
        c.BaseJson(Side.Integration),
        Time(c.LocalStamp),
        Time(c.IntegrationStamp),
        (long)c.To.Result,
        c.To.JobId,
        c.To.Message,
        Time(c.To.Time),
        (long)c.From.Result,
        c.From.JobId,
        c.From.Message,
        Time(c.From.Time),
        (long)c.FailureCount,
        c.Skipped ? 1L : 0L,
        c.SkipReason,
        Time(c.SkippedAt),
        null, // pending: intents have their own table
        StoreValues.Time(c.CreatedAt),
        Time(c.SyncedAt),
        null, // pending_job
    };

    private static string? Time(DateTimeOffset? utc) => utc is null ? null : StoreValues.Time(utc.Value);

    private (PendingIntent? Intent, string? Json) _lastPending;

    /// <summary>A page's intents are all alike (same operation, direction and job): serialised once.</summary>
    private string? Json(PendingIntent? intent)
    {
        if (intent is null) return null;
        if (!Equals(_lastPending.Intent, intent)) _lastPending = (intent, DefinitionJson.Write(intent));
        return _lastPending.Json;
    }

    public void Dispose()
    {
        _insert?.Dispose();
        _insertIntent?.Dispose();
        _deleteIntent?.Dispose();
        foreach (var statement in _updates.Values) statement.Dispose();
        foreach (var command in _finds.Values) command.Dispose();
        foreach (var command in _echoes.Values) command.Dispose();
        _echoes.Clear();
        _insert = null;
        _insertIntent = null;
        _deleteIntent = null;
        _updates.Clear();
        _finds.Clear();
    }

    private static string KeyColumn(Side side) => side == Side.Local ? "local_key" : "integration_key";

    /// <summary>Each column is fetched once; what was read is remembered with the coupling (integers as 64-bit, whatever
    /// width the database returns) so a later save writes only what changed. Bases stay JSON until used.</summary>
    private List<Coupling> Read(DbCommand command)
    {
        var result = new List<Coupling>();
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            var stored = new object?[ColumnNames.Length];
            for (var i = 0; i < stored.Length; i++)
                stored[i] = r.GetValue(i) switch
                {
                    DBNull => null,
                    int n => (long)n,
                    short n => (long)n,
                    byte n => (long)n,
                    bool b => b ? 1L : 0L,
                    var value => value,
                };
            var c = new Coupling
            {
                Id = Convert.ToInt64(stored[0]),
                Mapping = Text(stored[1])!,
                LocalKey = Text(stored[2]),
                IntegrationKey = Text(stored[3]),
                LocalStamp = StoredTime(stored[6]),
                IntegrationStamp = StoredTime(stored[7]),
                FailureCount = Convert.ToInt32(stored[16]),
                Skipped = Convert.ToInt64(stored[17]) != 0,
                SkipReason = Text(stored[18]),
                SkippedAt = StoredTime(stored[19]),
                CreatedAt = StoredTime(stored[21])!.Value,
                SyncedAt = StoredTime(stored[22]),
            };
            c.SetStoredBase(Side.Local, Text(stored[4]));
            c.SetStoredBase(Side.Integration, Text(stored[5]));
            ReadStatus(c.To, stored, 8);
            ReadStatus(c.From, stored, 12);
            if (!r.IsDBNull(ColumnNames.Length)) // intents.intent, intents.confirmed_row
                ReadIntent(c, r.GetString(ColumnNames.Length), Convert.ToInt64(r.GetValue(ColumnNames.Length + 1)) == 1);
            Remember(c, stored);
            result.Add(c);
        }
        return result;
    }

    /// <summary>A coupling's intent; a first insert announced and not confirmed is given back as the writer left it in
    /// memory (its outcome Pending, never synchronized), whatever its row already says.</summary>
    private static void ReadIntent(Coupling coupling, string json, bool confirmedRow)
    {
        var intent = DefinitionJson.Read<PendingIntent>(json);
        coupling.Pending = intent;
        coupling.StoredIntent = json;
        coupling.ConfirmedRow = confirmedRow;
        if (!confirmedRow) return;
        var status = coupling.Status(intent.Direction);
        status.Result = SyncResult.Pending;
        status.JobId = intent.JobId;
        status.Message = null;
        coupling.SyncedAt = null;
    }

    private static string? Text(object? value) => value is null or string ? (string?)value : Convert.ToString(value, CultureInfo.InvariantCulture);

    private static DateTimeOffset? StoredTime(object? value) => value is null ? null : StoreValues.ParseTime(Text(value)!);

    private static void ReadStatus(DirectionStatus status, object?[] stored, int first)
    {
        status.Result = (SyncResult)Convert.ToInt32(stored[first]);
        status.JobId = stored[first + 1] is null ? null : Convert.ToInt64(stored[first + 1]);
        status.Message = Text(stored[first + 2]);
        status.Time = StoredTime(stored[first + 3]);
    }
}
