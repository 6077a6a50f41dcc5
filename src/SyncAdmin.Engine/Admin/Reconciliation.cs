using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Sync;

namespace SyncAdmin.Engine.Admin;

/// <summary>Which findings a reconciliation looks for (each is a full pass over couplings or a table).</summary>
[Flags]
public enum ReconciliationScope
{
    Couplings = 1,
    Uncoupled = 2,
    All = Couplings | Uncoupled,
}

/// <summary>Compare-SyncedRecord: what incremental runs cannot see. Coupled pairs are read a page at a time from the
/// store with their rows, and each side's uncoupled records a page at a time from its table, so memory stays bounded
/// whatever the number of couplings.</summary>
public sealed class Reconciliation
{
    private const int PageSize = 500;
    private const int ListedCandidates = 10;

    private readonly StateStore _store;
    private readonly Func<ITableOpener> _openers;

    public Reconciliation(StateStore store, Func<ITableOpener> openers)
    {
        _store = store;
        _openers = openers;
    }

    public IEnumerable<ReconciliationFinding> Compare(string mapping, ReconciliationScope scope = ReconciliationScope.All,
        IProgress<string>? progress = null, CancellationToken cancellation = default)
    {
        var stored = _store.Mappings.Get(mapping);
        var definition = stored.Definition;
        using var opener = _openers();
        using var local = opener.Open(definition.Table, MappingContext.ColumnsToRead(definition, Side.Local));
        using var integration = opener.Open(definition.IntegrationTable, MappingContext.ColumnsToRead(definition, Side.Integration));
        var tables = new Dictionary<Side, IRecordTable> { [Side.Local] = local, [Side.Integration] = integration };
        var lookups = new LookupTranslator(_store);
        if (scope.HasFlag(ReconciliationScope.Couplings))
            foreach (var finding in CompareCouplings(definition, tables, lookups, progress, cancellation)) yield return finding;
        if (scope.HasFlag(ReconciliationScope.Uncoupled))
            foreach (var side in new[] { Side.Local, Side.Integration })
                foreach (var finding in Uncoupled(definition, side, tables, progress, cancellation)) yield return finding;
    }

    // ---- coupled pairs ------------------------------------------------------------------------------------------

    private IEnumerable<ReconciliationFinding> CompareCouplings(MappingDefinition mapping, Dictionary<Side, IRecordTable> tables,
        LookupTranslator lookups, IProgress<string>? progress, CancellationToken cancellation)
    {
        long after = 0, read = 0;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var page = _store.Couplings.Page(mapping.Name, skippedOnly: false, after, PageSize);
            if (page.Count == 0) yield break;
            after = page[^1].Id;
            read += page.Count;
            var pairs = page.Where(c => c.IsCoupled && c.Pending is null).ToList();
            var localRows = tables[Side.Local].RowsByKeyText(pairs.Select(c => c.LocalKey));
            var integrationRows = tables[Side.Integration].RowsByKeyText(pairs.Select(c => c.IntegrationKey));
            foreach (var coupling in pairs)
            {
                var localRow = localRows.GetValueOrDefault(coupling.LocalKey!);
                var integrationRow = integrationRows.GetValueOrDefault(coupling.IntegrationKey!);
                if (Compare(mapping, coupling, localRow, integrationRow, lookups) is { } finding) yield return finding;
            }
            progress?.Report($"{read:N0} coupling(s) compared");
            if (page.Count < PageSize) yield break;
        }
    }

    private static ReconciliationFinding? Compare(MappingDefinition mapping, Coupling coupling, Row? local, Row? integration, LookupTranslator lookups)
    {
        string Name(Side side) => $"{mapping.TableOf(side).Name} {coupling.Key(side)}";
        if (local is null || integration is null)
        {
            var gone = local is null && integration is null ? (Side?)null : local is null ? Side.Local : Side.Integration;
            return new ReconciliationFinding
            {
                Mapping = mapping.Name, Kind = ReconciliationKind.CounterpartGone, Side = gone,
                LocalKey = coupling.LocalKey, IntegrationKey = coupling.IntegrationKey,
                Message = gone is null
                    ? $"Neither {Name(Side.Local)} nor {Name(Side.Integration)} exists any more; remove the coupling."
                    : $"{Name(gone.Value)} no longer exists; {Name(gone.Value.Other())} is still coupled to it (Resolve-SkippedRecord -Restore or Remove-Coupling).",
            };
        }
        var drifted = new List<Side>();
        foreach (var (side, row) in new[] { (Side.Local, local), (Side.Integration, integration) })
        {
            var baseValues = coupling.Base(side);
            if (baseValues is null) continue; // coupled by hand, never synchronized: the next run compares it
            if (mapping.TableOf(side).ModifiedOn is not null && !SameInstant(row.ModifiedOn, coupling.Stamp(side))) continue; // a run will see it
            if (Differs(mapping, side, row, baseValues)) drifted.Add(side);
        }
        if (drifted.Count == 0) return null;
        var fields = FieldComparisons.Of(mapping, coupling, local, integration, lookups)
            .Where(f => (drifted.Contains(Side.Local) && f.LocalChanged) || (drifted.Contains(Side.Integration) && f.IntegrationChanged)).ToList();
        return new ReconciliationFinding
        {
            Mapping = mapping.Name, Kind = ReconciliationKind.Drift, Side = drifted.Count == 1 ? drifted[0] : null,
            LocalKey = coupling.LocalKey, IntegrationKey = coupling.IntegrationKey, Fields = fields,
            Message = $"{string.Join(" and ", drifted.Select(Name))} changed ({string.Join(", ", fields.Select(f => f.Field ?? f.IntegrationField))}) " +
                      "without a new modified-on, so no incremental run sees it; run Invoke-RecordSync -Key … (or -Full) to synchronize it.",
        };
    }

    private static bool SameInstant(DateTime? a, DateTime? b) =>
        a is null || b is null ? a is null && b is null : Math.Abs((a.Value - b.Value).Ticks) < TimeSpan.TicksPerMillisecond;

    private static bool Differs(MappingDefinition mapping, Side side, Row row, FieldValues baseValues)
    {
        foreach (var field in mapping.Fields)
            if (field.Column(side) is { } column && baseValues.ContainsKey(column)
                && !string.Equals(baseValues.Value(column), CanonicalValue.Of(row[column]), StringComparison.Ordinal))
                return true;
        return false;
    }

    // ---- uncoupled records --------------------------------------------------------------------------------------

    private IEnumerable<ReconciliationFinding> Uncoupled(MappingDefinition mapping, Side side, Dictionary<Side, IRecordTable> tables,
        IProgress<string>? progress, CancellationToken cancellation)
    {
        var table = tables[side];
        PagePosition? after = null;
        long read = 0;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var page = table.ReadPage(null, after, PageSize);
            if (page.Count == 0) yield break;
            after = new PagePosition(page[^1].ModifiedOn, page[^1].Key);
            read += page.Count;
            var rows = page.Where(r => r.Problem is null).ToList();
            var coupled = _store.Couplings.FindMany(mapping.Name, side, rows.Select(r => MappingContext.KeyText(r.Key)).ToList())
                .Where(c => c.Value.IsCoupled).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
            var uncoupled = rows.Where(r => !coupled.Contains(MappingContext.KeyText(r.Key))).ToList();
            if (uncoupled.Count > 0)
                foreach (var finding in new MatchPage(_store, mapping, side, tables, uncoupled).Findings())
                    // A one-to-one pair is symmetric: reported once, from the local side.
                    if (side == Side.Local || finding.Kind != ReconciliationKind.OneMatch) yield return finding;
            progress?.Report($"{read:N0} {mapping.TableOf(side).Name} record(s) checked for a coupling");
            if (page.Count < PageSize) yield break;
        }
    }

    /// <summary>The candidates of one page of uncoupled records, found as a run finds them: one query by the first matchOn
    /// column for the page, the other columns compared here, and the reverse query that tells whether a candidate is
    /// matched by this record alone.</summary>
    private sealed class MatchPage
    {
        private readonly StateStore _store;
        private readonly MappingDefinition _mapping;
        private readonly Side _side;
        private readonly Dictionary<Side, IRecordTable> _tables;
        private readonly IReadOnlyList<Row> _records;

        public MatchPage(StateStore store, MappingDefinition mapping, Side side, Dictionary<Side, IRecordTable> tables, IReadOnlyList<Row> records)
        {
            _store = store;
            _mapping = mapping;
            _side = side;
            _tables = tables;
            _records = records;
        }

        private string Column(MatchField match, Side side) => side == Side.Local ? match.Field : match.IntegrationField;

        private string KeyName(Side side, string key) => $"{_mapping.TableOf(side).Name} {key}";

        public IEnumerable<ReconciliationFinding> Findings()
        {
            var other = _side.Other();
            if (_mapping.MatchOn.Count == 0)
            {
                foreach (var record in _records)
                    yield return Finding(record, ReconciliationKind.NoMatch, null, Array.Empty<string>(),
                        $"{KeyName(_side, MappingContext.KeyText(record.Key))} is not coupled, and the mapping has no matchOn to find its counterpart.");
                yield break;
            }
            var candidates = Candidates(_records, _side, other);
            var reverse = Candidates(candidates.Values.SelectMany(c => c).DistinctBy(r => MappingContext.KeyText(r.Key)).ToList(), other, _side);
            foreach (var record in _records)
            {
                var key = MappingContext.KeyText(record.Key);
                var free = candidates.GetValueOrDefault(key) ?? new List<Row>();
                if (free.Count == 0)
                {
                    yield return Finding(record, ReconciliationKind.NoMatch, null, Array.Empty<string>(),
                        $"{KeyName(_side, key)} is not coupled and no uncoupled {_mapping.TableOf(other).Name} record matches it on {MatchColumns()}.");
                    continue;
                }
                if (free.Count > 1)
                {
                    var keys = free.Select(r => MappingContext.KeyText(r.Key)).ToList();
                    yield return Finding(record, ReconciliationKind.SeveralMatches, null, keys,
                        $"{KeyName(_side, key)} matches {keys.Count} uncoupled {_mapping.TableOf(other).Name} records on {MatchColumns()} " +
                        $"({Listed(keys)}); couple the right one with New-Coupling.");
                    continue;
                }
                var candidate = MappingContext.KeyText(free[0].Key);
                var rivals = (reverse.GetValueOrDefault(candidate) ?? new List<Row>()).Select(r => MappingContext.KeyText(r.Key)).ToList();
                if (rivals.Count > 1)
                {
                    yield return Finding(record, ReconciliationKind.SeveralMatches, null, rivals,
                        $"{KeyName(_side, key)} matches {KeyName(other, candidate)}, which {rivals.Count} uncoupled {_mapping.TableOf(_side).Name} " +
                        $"records match on {MatchColumns()} ({Listed(rivals)}); couple the right one with New-Coupling.");
                    continue;
                }
                yield return Finding(record, ReconciliationKind.OneMatch, candidate, Array.Empty<string>(),
                    $"{KeyName(_side, key)} and {KeyName(other, candidate)} are both uncoupled and match one-to-one on {MatchColumns()}; " +
                    "New-Coupling couples them.");
            }
        }

        private ReconciliationFinding Finding(Row record, ReconciliationKind kind, string? counterpart, IReadOnlyList<string> candidates, string message)
        {
            var key = MappingContext.KeyText(record.Key);
            return new ReconciliationFinding
            {
                Mapping = _mapping.Name, Kind = kind, Side = _side, CandidateKeys = candidates, Message = message,
                LocalKey = _side == Side.Local ? key : counterpart,
                IntegrationKey = _side == Side.Integration ? key : counterpart,
            };
        }

        private string MatchColumns() => string.Join(", ", _mapping.MatchOn.Select(m => Column(m, _side)));

        /// <summary>For each record of side <paramref name="from"/>: the uncoupled rows of side <paramref name="to"/> whose
        /// matchOn values equal its own. The candidates' table filter applies when they are the records a pass reads
        /// (the reverse question); a forward candidate outside the filter is still the counterpart, as in a run.</summary>
        private Dictionary<string, List<Row>> Candidates(IReadOnlyList<Row> records, Side from, Side to)
        {
            var result = new Dictionary<string, List<Row>>(StringComparer.Ordinal);
            var first = _mapping.MatchOn[0];
            var target = _tables[to];
            var type = target.Schema.Get(Column(first, to)).Type;
            var values = new List<object>();
            foreach (var record in records)
            {
                if (record[Column(first, from)] is not { } value) continue;
                try { values.Add(ValueConversion.To(type, value)!); }
                catch (ValueConversionException) { }
            }
            if (values.Count == 0) return result;
            var rows = target.ReadWhereIn(Column(first, to), values, filtered: to == _side).Where(r => r.Problem is null).ToList();
            var coupled = _store.Couplings.FindMany(_mapping.Name, to, rows.Select(r => MappingContext.KeyText(r.Key)).ToList())
                .Where(c => c.Value.IsCoupled).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
            var free = rows.Where(r => !coupled.Contains(MappingContext.KeyText(r.Key))).ToList();
            foreach (var record in records)
            {
                var wanted = _mapping.MatchOn.Select(m => (Column: Column(m, to), Value: Converted(record[Column(m, from)], target.Schema.Get(Column(m, to)).Type))).ToList();
                if (wanted.Any(w => w.Value is null)) continue;
                var matches = free.Where(r => wanted.All(w => CanonicalValue.Of(r[w.Column]) == w.Value)).ToList();
                if (matches.Count > 0) result[MappingContext.KeyText(record.Key)] = matches;
            }
            return result;
        }

        private static string? Converted(object? value, ColumnType type)
        {
            if (value is null) return null;
            try { return CanonicalValue.Of(type, value); }
            catch (ValueConversionException) { return null; }
        }

        private static string Listed(IReadOnlyList<string> keys) =>
            string.Join(", ", keys.Take(ListedCandidates)) + (keys.Count > ListedCandidates ? ", …" : "");
    }
}
