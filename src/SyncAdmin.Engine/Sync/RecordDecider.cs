using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.State;

namespace SyncAdmin.Engine.Sync;

/// <summary>Decides, per record, what a pass does (DESIGN.md §1 step 2): skip, couple by match, insert, resolve a
/// deletion conflict, detect changes against the base, resolve an update conflict, or transfer fields.</summary>
internal sealed class RecordDecider
{
    private readonly MappingContext _context;
    private readonly SyncDirection _pass;
    private readonly Side _source;
    private readonly Side _destination;
    private readonly SyncJob _job;
    private readonly bool _compareAll;
    private readonly HashSet<string> _claimedDestinationKeys = new();

    public RecordDecider(MappingContext context, SyncDirection pass, SyncJob job)
    {
        _context = context;
        _pass = pass;
        _source = pass.SourceSide();
        _destination = _source.Other();
        _job = job;
        _compareAll = job.Kind != JobKind.Incremental;
    }

    private MappingDefinition Mapping => _context.Definition;

    /// <summary>Destination rows that could match this page's uncoupled records, by canonical value of the first matchOn
    /// column: one query per page instead of one per record (a table without an index on that column is scanned once a page).</summary>
    private Dictionary<string, List<Row>>? _matchCandidates;
    private HashSet<string> _coupledCandidates = new();

    /// <summary>The other way round: source rows sharing a candidate's first matchOn value, and which of them are coupled
    /// already. A candidate that several uncoupled source records match is ambiguous from its side too.</summary>
    private Dictionary<string, List<Row>> _reverseCandidates = new();
    private HashSet<string> _coupledSources = new();

    public void StartPage(IReadOnlyList<RecordWork> works)
    {
        _claimedDestinationKeys.Clear();
        _matchCandidates = null;
        _reverseCandidates = new Dictionary<string, List<Row>>();
        _coupledSources = new HashSet<string>();
        if (Mapping.MatchOn.Count == 0) return;
        var (sourceColumn, destinationColumn) = MatchColumns(Mapping.MatchOn[0]);
        var destination = _context.Table(_destination);
        var type = destination.Schema.Get(destinationColumn).Type;
        var values = new List<object>();
        foreach (var work in works)
        {
            if (work.Coupling?.Key(_destination) is not null || work.Source[sourceColumn] is not { } value) continue;
            try { values.Add(ValueConversion.To(type, value)!); }
            catch (ValueConversionException) { } // that record fails later, in FindMatch, with the message
        }
        if (values.Count == 0) return;
        var rows = destination.ReadWhereIn(destinationColumn, values).Where(r => r.Problem is null).ToList();
        _matchCandidates = rows.GroupBy(r => CanonicalValue.Of(r[destinationColumn]) ?? "").ToDictionary(g => g.Key, g => g.ToList());
        // A candidate is taken only when coupled to a record of the other side: a failed insert of its own (a coupling
        // with no counterpart) leaves it free to match.
        _coupledCandidates = _context.Store.Couplings
            .FindMany(_context.Name, _destination, rows.Select(r => MappingContext.KeyText(r.Key)).ToList())
            .Where(c => c.Value.Key(_source) is not null).Select(c => c.Key).ToHashSet();
        if (rows.Count == 0) return;

        var source = _context.Table(_source);
        var sourceType = source.Schema.Get(sourceColumn).Type;
        var reverseValues = new List<object>();
        foreach (var row in rows)
        {
            if (row[destinationColumn] is not { } value) continue;
            try { reverseValues.Add(ValueConversion.To(sourceType, value)!); }
            catch (ValueConversionException) { } // no source record can hold that value
        }
        // Only records this mapping synchronizes compete: those its filter selects.
        var sources = source.ReadWhereIn(sourceColumn, reverseValues, filtered: true).Where(r => r.Problem is null).ToList();
        _reverseCandidates = sources.GroupBy(r => CanonicalValue.Of(r[sourceColumn]) ?? "").ToDictionary(g => g.Key, g => g.ToList());
        _coupledSources = _context.Store.Couplings
            .FindMany(_context.Name, _source, sources.Select(r => MappingContext.KeyText(r.Key)).ToList())
            .Where(c => c.Value.Key(_destination) is not null).Select(c => c.Key).ToHashSet();
    }

    private (string Source, string Destination) MatchColumns(MatchField match) =>
        _source == Side.Local ? (match.Field, match.IntegrationField) : (match.IntegrationField, match.Field);

    public void Decide(RecordWork work)
    {
        try
        {
            if (_job.Kind == JobKind.Forced) DecideForced(work);
            else DecideNormal(work);
        }
        catch (RecordSyncException e)
        {
            work.Fail(e.Message, e.Detail);
        }
        catch (ValueConversionException e)
        {
            work.Fail(e.Message);
        }
    }

    private void DecideNormal(RecordWork work)
    {
        var coupling = work.Coupling;
        if (coupling?.Status(_pass).JobId == _job.Id && _job.Id != 0) return; // already handled by this pass's retry step
        if (coupling is { Skipped: true })
        {
            work.Action = RecordAction.Skipped;
            return;
        }
        if (coupling is null || coupling.Key(_destination) is null)
        {
            if (coupling is null && Mapping.SyncOnlyCoupledRecords) return;
            CoupleOrInsert(work);
            return;
        }
        if (work.Destination is null)
        {
            if (coupling.Pending is { Operation: PendingOperation.Insert } insert && insert.Direction == _pass)
                PlanInsert(work, restore: false); // announced, never confirmed, not written: done again, with its key
            else
                DeletionConflict(work);
            return;
        }
        DetectChanges(work, coupling);
    }

    private void DecideForced(RecordWork work)
    {
        work.Forced = true;
        var coupling = work.Coupling;
        if (coupling is null || coupling.Key(_destination) is null)
        {
            CoupleOrInsert(work);
            return;
        }
        if (work.Destination is null)
        {
            PlanInsert(work, restore: true);
            return;
        }
        work.DestinationKey = coupling.Key(_destination);
        var values = FieldTransfer.DestinationValues(_context, _pass, work.Source);
        work.Transferred = FlowingFields().ToList();
        work.Values = Differences(values, work.Destination);
        work.Action = work.Values.Count > 0 ? RecordAction.Modify : RecordAction.Unchanged;
    }

    private void CoupleOrInsert(RecordWork work)
    {
        var match = FindMatch(work);
        if (match is null)
        {
            PlanInsert(work, restore: false);
            return;
        }
        work.Destination = match;
        work.DestinationKey = MappingContext.KeyText(match.Key);
        var values = FieldTransfer.DestinationValues(_context, _pass, work.Source);
        work.Transferred = FlowingFields().ToList();
        work.Values = Differences(values, match);
        work.Action = RecordAction.Couple;
    }

    /// <summary>matchOn: exactly one uncoupled destination record with equal match values couples; several fail the record.</summary>
    private Row? FindMatch(RecordWork work)
    {
        if (Mapping.MatchOn.Count == 0) return null;
        var criteria = new List<KeyValuePair<string, string?>>();
        var destinationSchema = _context.Table(_destination).Schema;
        foreach (var match in Mapping.MatchOn)
        {
            var (sourceColumn, destinationColumn) = MatchColumns(match);
            var value = work.Source[sourceColumn];
            if (value is null) return null;
            criteria.Add(new(destinationColumn, CanonicalValue.Of(destinationSchema.Get(destinationColumn).Type, value)));
        }
        var candidates = _matchCandidates?.GetValueOrDefault(criteria[0].Value ?? "") ?? new List<Row>();
        var free = candidates.Where(c =>
        {
            var key = MappingContext.KeyText(c.Key);
            return criteria.All(m => CanonicalValue.Of(c[m.Key]) == m.Value)
                   && !_coupledCandidates.Contains(key) && !_claimedDestinationKeys.Contains(key);
        }).ToList();
        if (free.Count > 1)
            throw new RecordSyncException(
                $"{_context.TableName(_source)} {work.SourceKey} matches {free.Count} uncoupled {_context.TableName(_destination)} records on " +
                $"{string.Join(", ", criteria.Select(c => c.Key))}; couple it by hand (New-Coupling).");
        if (free.Count == 0) return null;
        var rivals = UncoupledSourcesMatching(free[0]);
        if (rivals.Count > 1)
            throw new RecordSyncException(
                $"{_context.TableName(_source)} {work.SourceKey} matches {_context.TableName(_destination)} {MappingContext.KeyText(free[0].Key)}, " +
                $"which {rivals.Count} uncoupled {_context.TableName(_source)} records match on {string.Join(", ", criteria.Select(c => c.Key))} " +
                $"({string.Join(", ", rivals.Take(5))}{(rivals.Count > 5 ? ", …" : "")}); neither pass couples or inserts any of them: couple them by hand (New-Coupling).");
        _claimedDestinationKeys.Add(MappingContext.KeyText(free[0].Key));
        return free[0];
    }

    /// <summary>The keys of the uncoupled source records whose matchOn values equal <paramref name="candidate"/>'s.</summary>
    private List<string> UncoupledSourcesMatching(Row candidate)
    {
        var sourceSchema = _context.Table(_source).Schema;
        var wanted = Mapping.MatchOn.Select(m => MatchColumns(m))
            .Select(c => (Source: c.Source, Value: candidate[c.Destination] is { } v ? CanonicalValue.Of(sourceSchema.Get(c.Source).Type, v) : null))
            .ToList();
        var first = wanted[0].Value ?? "";
        return (_reverseCandidates.GetValueOrDefault(first) ?? new List<Row>())
            .Where(r => wanted.All(w => CanonicalValue.Of(r[w.Source]) == w.Value))
            .Select(r => MappingContext.KeyText(r.Key))
            .Where(k => !_coupledSources.Contains(k))
            .ToList();
    }

    private void PlanInsert(RecordWork work, bool restore)
    {
        var values = FieldTransfer.DestinationValues(_context, _pass, work.Source);
        var keyColumn = _context.Table(_destination).Schema.Get(_context.TableDefinition(_destination).Key);
        if (values.TryGetValue(keyColumn.Name, out var mappedKey))
        {
            if (mappedKey is null)
                throw new RecordSyncException($"The key {keyColumn.Name} of the new {_context.TableName(_destination)} record would be empty.");
            work.DestinationKey = CanonicalValue.Of(mappedKey);
        }
        else if (work.Coupling is { Pending: { Operation: PendingOperation.Insert } announced } coupling && announced.Direction == _pass
                 && coupling.Key(_destination) is { } planned)
        {
            values[keyColumn.Name] = ValueConversion.To(keyColumn.Type, planned);
            work.DestinationKey = CanonicalValue.Of(values[keyColumn.Name]);
            work.RedoesInsert = true;
        }
        else if (keyColumn.Type is ColumnType.Guid or ColumnType.Text)
        {
            var key = TimeOrderedGuid.NewGuid();
            values[keyColumn.Name] = ValueConversion.To(keyColumn.Type, key);
            work.DestinationKey = CanonicalValue.Of(values[keyColumn.Name]);
        }
        else if (!keyColumn.IsGenerated)
        {
            throw new RecordSyncException(
                $"Cannot insert into {_context.TableName(_destination)}: nothing gives its key {keyColumn.Name} a value. Map a field to it.");
        }
        if (work.DestinationKey is not null && !_claimedDestinationKeys.Add(work.DestinationKey))
            throw new RecordSyncException($"Another record of this page also inserts {_context.TableName(_destination)} {work.DestinationKey}.");
        work.Values = values;
        work.Transferred = FlowingFields().ToList();
        work.Restores = restore;
        work.Action = RecordAction.Insert;
    }

    private void DeletionConflict(RecordWork work)
    {
        var coupling = work.Coupling!;
        work.DestinationKey = coupling.Key(_destination);
        switch (Mapping.DeletionConflictResolution)
        {
            case DeletionConflictResolution.RestoreRecords:
                PlanInsert(work, restore: true);
                break;
            case DeletionConflictResolution.RemoveCoupling:
                work.Action = RecordAction.Uncouple;
                break;
            case DeletionConflictResolution.DeleteRecord:
                work.Action = RecordAction.DeleteSource;
                break;
            default:
                work.Fail(
                    $"The {_context.TableName(_destination)} record {coupling.Key(_destination)} coupled to {_context.TableName(_source)} " +
                    $"{work.SourceKey} no longer exists.",
                    "Restore it (Resolve-SkippedRecord -Restore), remove the coupling (-RemoveCoupling), or set deletionConflictResolution.");
                break;
        }
    }

    /// <summary>Content-based change detection against each side's base, then the conflict rule.</summary>
    private void DetectChanges(RecordWork work, Coupling coupling)
    {
        var destination = work.Destination!;
        work.DestinationKey = coupling.Key(_destination);
        var sourceValues = _context.SideValues(work.Source, _source);
        var sourceBase = coupling.Base(_source);
        var isEcho = !_compareAll && sourceBase is not null && work.Source.ModifiedOn is not null
                     && work.Source.ModifiedOn == coupling.Stamp(_source);
        // The engine's own write, recognised by the stamp its coupling recorded (recorded only when that side held exactly
        // its base): the same rule as a page read as stamps first, so a record is an echo whichever way its page was read.
        if (isEcho && coupling.Status(_pass).Result is not (SyncResult.Failed or SyncResult.Pending))
        {
            work.Action = RecordAction.Ignore;
            return;
        }

        var flowing = FlowingFields().ToList();
        var sourceChanged = flowing.Where(f => f.Column(_source) is { } c
                                               && (sourceBase is null || sourceBase.Value(c.Name) != sourceValues.Value(c.Name))).ToList();
        if (sourceChanged.Count == 0 && coupling.Status(_pass).Result is not (SyncResult.Failed or SyncResult.Pending))
        {
            work.Action = isEcho ? RecordAction.Ignore : RecordAction.Unchanged;
            return;
        }

        var destinationBase = coupling.Base(_destination);
        var destinationValues = _context.SideValues(destination, _destination);
        bool DestinationChanged(FieldPlan f) => destinationBase is not null && f.Column(_destination) is { } c
                                                && destinationBase.Value(c.Name) != destinationValues.Value(c.Name);

        var merge = Mapping.FieldLevelMerge && Mapping.Direction == SyncDirection.Bidirectional;
        var transferred = merge ? flowing.Where(f => f.IsConstant || sourceChanged.Contains(f) || !DestinationChanged(f)).ToList() : flowing;
        var desired = FieldTransfer.DestinationValues(_context, _pass, work.Source, transferred.Contains);
        var differences = Differences(desired, destination);

        if (Mapping.Direction == SyncDirection.Bidirectional)
        {
            var destinationChangedBidirectional = flowing.Where(f => f.IsBidirectional && DestinationChanged(f)).ToList();
            var conflicting = merge
                ? destinationChangedBidirectional.Where(f => sourceChanged.Contains(f) && differences.ContainsKey(f.Column(_destination)!.Name)).ToList()
                : flowing.Any(f => f.IsBidirectional && f.Column(_destination) is { } c && differences.ContainsKey(c.Name))
                    ? destinationChangedBidirectional
                    : new List<FieldPlan>();
            // Each side is named with what it changed: for the record-level rule every changed field of the source and
            // every changed bidirectional field of the destination; under field-level merge only the fields in conflict.
            var changedHere = merge ? conflicting : sourceChanged;
            if (conflicting.Count > 0 && !ResolveUpdateConflict(work, changedHere, conflicting)) return;
        }

        work.Transferred = transferred;
        work.Values = differences;
        work.Action = differences.Count > 0 ? RecordAction.Modify : RecordAction.Unchanged;
    }

    /// <summary>Applies updateConflictResolution; false when this pass must not write the record.</summary>
    private bool ResolveUpdateConflict(RecordWork work, IReadOnlyList<FieldPlan> sourceChanged, IReadOnlyList<FieldPlan> destinationChanged)
    {
        var winner = Mapping.UpdateConflictResolution switch
        {
            UpdateConflictResolution.SendUpdateToIntegration => Side.Local,
            UpdateConflictResolution.GetUpdateFromIntegration => Side.Integration,
            _ => (Side?)null,
        };
        if (winner == _source) return true;
        if (winner == _destination)
        {
            work.Action = RecordAction.Ignore; // the other side wins: its own pass overwrites this one
            return false;
        }
        static string Names(IEnumerable<FieldPlan> fields, Side side) =>
            string.Join(", ", fields.Select(f => f.Column(side)?.Name).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase));
        work.Fail(
            $"Cannot update {_context.TableName(_destination)} {work.DestinationKey} because it was also changed since the last " +
            $"synchronization with {_context.TableName(_source)} {work.SourceKey} (changed on both sides — in {_context.TableName(_source)}: " +
            $"{Names(sourceChanged, _source)}; in {_context.TableName(_destination)}: {Names(destinationChanged, _destination)}).",
            "Choose the side to keep with Resolve-SkippedRecord -Keep Local|Integration, or set updateConflictResolution.",
            conflict: true);
        return false;
    }

    private IEnumerable<FieldPlan> FlowingFields() => _context.Fields.Where(f => f.Flows(_pass) && f.Column(_destination) is not null);

    /// <summary>The desired values that differ from what the destination row holds now.</summary>
    private static Dictionary<string, object?> Differences(Dictionary<string, object?> desired, Row destination) =>
        desired.Where(kv => CanonicalValue.Of(kv.Value) != CanonicalValue.Of(destination[kv.Key]))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);
}
