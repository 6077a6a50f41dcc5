using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.State;

namespace SyncAdmin.Engine.Sync;

/// <summary>How a pass runs: the job it fills, dry run or not, the keys of a forced sync, and the hooks of the runner.</summary>
internal sealed record PassOptions
{
    public bool Preview { get; init; }
    public IReadOnlyList<string>? Keys { get; init; }
    public CancellationToken Cancellation { get; init; }
    public IProgress<SyncProgress>? Progress { get; init; }
    /// <summary>Called between pages (the runner renews its lease there).</summary>
    public Action? BetweenPages { get; init; }
    /// <summary>Called inside every store transaction that announces or confirms destination writes: throws when the run
    /// no longer holds the mapping's lease.</summary>
    public Action? ProveLease { get; init; }
    /// <summary>Named points inside a page (tests simulate a crash there).</summary>
    public Action<string>? Checkpoint { get; init; }
    public List<RecordPreview>? Previews { get; init; }
}

/// <summary>One direction of one mapping (DESIGN.md §1): failed records retried, then changed records streamed in pages
/// ordered by (modified-on, key), each page decided and written as a batch, then the watermark moved forward.</summary>
internal sealed class MappingPass
{
    private readonly MappingContext _context;
    private readonly SyncDirection _pass;
    private readonly Side _source;
    private readonly Side _destination;
    private readonly SyncJob _job;
    private readonly PassOptions _options;
    private readonly RecordDecider _decider;
    private readonly PageWriter _writer;
    private readonly HashSet<string> _previewedRetries = new();
    private int _processed;
    private int _pages;

    public MappingPass(MappingContext context, SyncDirection pass, SyncJob job, PassOptions options)
    {
        _context = context;
        _pass = pass;
        _source = pass.SourceSide();
        _destination = _source.Other();
        _job = job;
        _options = options;
        _decider = new RecordDecider(context, pass, job);
        _writer = new PageWriter(context, pass, job, options.Checkpoint, options.ProveLease);
    }

    private int BatchSize => _context.Definition.BatchSize;
    private IRecordTable SourceTable => _context.Table(_source);

    public void Run()
    {
        if (_options.Keys is not null)
        {
            Note(PassNotes.Forced(_context, _source, _options.Keys.Count));
            RunKeys(_options.Keys);
            Note(PassNotes.End(_job, null, null, _options.Preview));
            return;
        }
        var passStart = _context.Store.UtcNow;
        var overlap = TimeSpan.FromSeconds(_context.Definition.WatermarkOverlapSeconds);
        var watermark = _context.Stored.Watermark(_source);
        Note(PassNotes.Start(_context, _source, _job.Kind, watermark, overlap, _options.Preview));
        WarnOfExistingRows(watermark);
        RetryFailedRecords();
        DateTime? since = _job.Kind == JobKind.Full || watermark is null ? null : watermark.Value - overlap;
        DateTime? newest = null;
        PagePosition? after = null;
        var echoesPossible = MayMeetEchoes();
        var echoesFirst = false;
        while (true)
        {
            _options.Cancellation.ThrowIfCancellationRequested();
            var rows = echoesFirst ? SourceTable.ReadStamps(since, after, BatchSize) : SourceTable.ReadPage(since, after, BatchSize);
            if (rows.Count == 0) break;
            var whole = echoesFirst ? WithoutEchoes(rows) : rows;
            var echoes = Process(whole, couplings: null) + (rows.Count - whole.Count);
            // Pages that are mostly the engine's own echoes are read as stamps first; pages of real changes are read whole
            // straight away (a stamps-first page of changes would look every record up twice).
            echoesFirst = echoesPossible && echoes * 2 >= rows.Count;
            foreach (var row in rows)
                if (row.ModifiedOn is { } m && (newest is null || m > newest)) newest = m;
            after = new PagePosition(rows[^1].ModifiedOn, rows[^1].Key);
            Report("changes", rows.Count);
            if (rows.Count < BatchSize) break;
        }
        DateTime? moved = null;
        if (newest is not null)
        {
            var cap = passStart - overlap;
            var next = newest.Value < cap ? newest.Value : cap;
            if (watermark is null || next > watermark) moved = next;
            if (!_options.Preview) _context.Store.Mappings.AdvanceWatermark(_context.Name, _source, next);
        }
        Note(PassNotes.End(_job, watermark, moved, _options.Preview));
    }

    /// <summary>Whether pages may be read as keys and modified-on first, to pass over the engine's own writes without
    /// reading them whole: in an incremental pass of a table with a modified-on column, once the mapping has couplings (the
    /// From pass after a first To pass reads back every row that pass wrote). A first run or a full comparison reads
    /// whole pages.</summary>
    private bool MayMeetEchoes() =>
        _job.Kind == JobKind.Incremental && _context.TableDefinition(_source).ModifiedOn is not null
                                         && _context.Store.Couplings.Any(_context.Name);

    /// <summary>The rows of a stamps-only page that are not echoes, read whole (under the table filter). An echo is a row
    /// whose modified-on is exactly the one its coupling recorded when the engine last synchronized it — Business Central's
    /// "Last Synch. Modified On". A person's edit gives the row a new modified-on, so it is read and compared. Rows whose key
    /// or modified-on cannot be read are passed on as they are, to fail alone.</summary>
    private IReadOnlyList<Row> WithoutEchoes(IReadOnlyList<Row> stamps)
    {
        var readable = stamps.Where(r => r.Problem is null).ToList();
        var recorded = _context.Store.Couplings.EchoStamps(_context.Name, _source, _pass, readable.Select(r => MappingContext.KeyText(r.Key)).ToList());
        var echoes = readable.Where(r => r.ModifiedOn is { } stamp && recorded.TryGetValue(MappingContext.KeyText(r.Key), out var known)
                                         && StoreValues.Time(stamp) == known.Stamp).ToList();
        // An echo whose counterpart is gone is read whole after all: its deletion is this pass's to handle.
        var destination = _context.Table(_destination);
        var counterparts = echoes.Select(r => recorded[MappingContext.KeyText(r.Key)].Counterpart).ToList();
        var present = counterparts.Count == 0 ? new HashSet<string>() : destination.ExistingKeys(counterparts.Select(destination.ParseKey).ToList());
        var passedOver = echoes.Where(r => present.Contains(recorded[MappingContext.KeyText(r.Key)].Counterpart))
            .Select(r => MappingContext.KeyText(r.Key)).ToHashSet(StringComparer.Ordinal);
        var changed = readable.Where(r => !passedOver.Contains(MappingContext.KeyText(r.Key))).Select(r => r.Key).ToList();
        var rows = changed.Count == 0 ? new List<Row>() : SourceTable.ReadWhereIn(SourceTable.Schema.Get(_context.TableDefinition(_source).Key).Name, changed, filtered: true).ToList();
        rows.AddRange(stamps.Where(r => r.Problem is not null));
        return rows;
    }

    /// <summary>A first run (no watermark, no coupling) into a table that already holds rows, with nothing to couple them by:
    /// every source record will be inserted beside them. Often right (a new integration), sometimes a lost or recreated
    /// store about to duplicate everything: the job says so.</summary>
    private void WarnOfExistingRows(DateTime? watermark)
    {
        if (watermark is not null || _context.Definition.MatchOn.Count > 0 || _context.Store.Couplings.Any(_context.Name)) return;
        if (_context.Table(_destination).ReadPage(null, null, 1).Count == 0) return;
        _job.Warn($"This is the first run of mapping '{_context.Name}' {_pass}, and {_context.TableName(_destination)} already holds rows " +
                  $"that nothing couples to {_context.TableName(_source)} (the mapping has no matchOn): every {_context.TableName(_source)} " +
                  "record is inserted as a new row beside them. If these tables were synchronized before (the store was lost or created " +
                  "anew), restore the store, or set matchOn so existing rows are coupled instead of duplicated.");
    }

    /// <summary>Records whose last sync in this direction failed or was interrupted, even if the watermark passed them.</summary>
    private void RetryFailedRecords()
    {
        long afterId = 0;
        while (true)
        {
            _options.Cancellation.ThrowIfCancellationRequested();
            var page = _context.Store.Couplings.RetryPage(_context.Name, _pass, afterId, BatchSize);
            if (page.Count == 0) return;
            afterId = page[^1].Id;
            var rows = SourceTable.ReadByKeys(page.Select(c => SourceTable.ParseKey(c.Key(_source)!)).ToList());
            var found = rows.Select(r => MappingContext.KeyText(r.Key)).ToHashSet();
            if (!_options.Preview) ForgetVanishedSources(page.Where(c => !found.Contains(c.Key(_source)!)).ToList());
            if (_options.Preview) _previewedRetries.UnionWith(found);
            Process(rows, page.ToDictionary(c => c.Key(_source)!));
            Report("retries", rows.Count);
            if (page.Count < BatchSize) return;
        }
    }

    /// <summary>The source of a retried record is gone: a failed insert has nothing left to insert; a coupled record's
    /// deletion is the other pass's business.</summary>
    private void ForgetVanishedSources(IReadOnlyList<Coupling> couplings)
    {
        if (couplings.Count == 0) return;
        _context.Store.InTransaction(() =>
        {
            foreach (var coupling in couplings)
            {
                if (!coupling.IsCoupled)
                {
                    _context.Store.Couplings.Delete(coupling);
                    continue;
                }
                coupling.Status(_pass).Result = SyncResult.None;
                _context.Store.Couplings.Save(coupling);
            }
        });
    }

    /// <summary>A forced sync of chosen source keys: no change or conflict check, the source's values win.</summary>
    private void RunKeys(IReadOnlyList<string> keys)
    {
        foreach (var chunk in keys.Distinct().Chunk(BatchSize))
        {
            _options.Cancellation.ThrowIfCancellationRequested();
            var rows = SourceTable.ReadByKeys(chunk.Select(SourceTable.ParseKey).ToList());
            var found = rows.Select(r => MappingContext.KeyText(r.Key)).ToHashSet();
            foreach (var missing in chunk.Select(k => MappingContext.KeyText(SourceTable.ParseKey(k))).Where(k => !found.Contains(k)))
                ReportMissingSource(missing);
            Process(rows, couplings: null);
            Report("records", rows.Count);
        }
    }

    private void ReportMissingSource(string key) => ReportFailedSource(key, $"{_context.TableName(_source)} {key} does not exist.");

    /// <summary>A source record that fails before it has a coupling (it does not exist, or cannot be read): one failed
    /// record in the job and one error entry with its table and key; nothing else is written.</summary>
    private void ReportFailedSource(string key, string message)
    {
        _job.Failed++;
        if (_options.Preview)
        {
            _options.Previews?.Add(new RecordPreview(_context.Name, _pass, key, null, RecordAction.Fail, false, Array.Empty<string>(), message));
            return;
        }
        _context.Store.Errors.Add(new SyncError
        {
            JobId = _job.Id,
            Mapping = _context.Name,
            Direction = _pass,
            SourceTable = _context.TableName(_source),
            SourceKey = key,
            DestinationTable = _context.TableName(_destination),
            Message = message,
        });
    }

    /// <summary>Rows whose key or modified-on cannot be read fail alone; the rest of the page goes on.</summary>
    private List<Row> Readable(IReadOnlyList<Row> rows)
    {
        var readable = new List<Row>(rows.Count);
        foreach (var row in rows)
            if (row.Problem is null) readable.Add(row);
            else ReportFailedSource(MappingContext.KeyText(row.Key), row.Problem);
        return readable;
    }

    /// <returns>How many of the records were echoes of the engine's own writes.</returns>
    private int Process(IReadOnlyList<Row> page, Dictionary<string, Coupling>? couplings)
    {
        var rows = Readable(page);
        var works = rows.Select(r => new RecordWork(r, MappingContext.KeyText(r.Key), null)).ToList();
        if (_options.Preview && couplings is null) works.RemoveAll(w => _previewedRetries.Contains(w.SourceKey));
        couplings ??= _context.Store.Couplings.FindMany(_context.Name, _source, works.Select(w => w.SourceKey).ToList());
        foreach (var work in works) work.Coupling = couplings.GetValueOrDefault(work.SourceKey);
        AttachDestinations(works);
        FieldTransfer.PrefetchLookups(_context, _pass, rows);
        _decider.StartPage(works);
        foreach (var work in works) _decider.Decide(work);
        if (!_options.Preview) _writer.Write(works);
        foreach (var work in works)
        {
            JobCounters.Count(_job, work);
            if (_options.Preview && work.Action != RecordAction.Ignore)
                _options.Previews?.Add(new RecordPreview(_context.Name, _pass, work.SourceKey, work.DestinationKey, work.Action,
                    work.IsConflict, work.Values.Keys.ToList(), work.Message));
        }
        _processed += works.Count;
        return works.Count(w => w.Action == RecordAction.Ignore && w.Coupling is not null);
    }

    private void AttachDestinations(List<RecordWork> works)
    {
        var rows = _context.Table(_destination).RowsByKeyText(works.Select(w => w.Coupling?.Key(_destination)));
        if (rows.Count == 0) return;
        foreach (var work in works)
            if (work.Coupling?.Key(_destination) is { } key)
                work.Destination = rows.GetValueOrDefault(key);
    }

    private void Report(string phase, int read)
    {
        _options.BetweenPages?.Invoke();
        _options.Progress?.Report(new SyncProgress(_context.Name, _pass, phase, _processed, _job.Inserted, _job.Modified, _job.Failed)
        {
            Note = PassNotes.Page(++_pages, phase, read, _job),
        });
    }

    private void Note(string text) =>
        _options.Progress?.Report(new SyncProgress(_context.Name, _pass, "note", _processed, _job.Inserted, _job.Modified, _job.Failed)
        {
            Note = text,
            IsPageReport = false,
        });
}
