using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Sync;

namespace SyncAdmin.Engine.Admin;

/// <summary>Lists skipped records with a base / local / integration view of every field, and resolves them.</summary>
public sealed class SkippedRecords
{
    private readonly StateStore _store;
    private readonly Func<ITableOpener> _openers;
    private readonly SyncRunner _runner;

    public SkippedRecords(StateStore store, Func<ITableOpener> openers, SyncRunner runner)
    {
        _store = store;
        _openers = openers;
        _runner = runner;
    }

    /// <summary>The skipped records of some mappings (all when none are named), or of one record by its local or
    /// integration key (both given: both must match).</summary>
    public IEnumerable<SkippedRecord> List(IReadOnlyList<string>? mappings = null, string? localKey = null, string? integrationKey = null)
    {
        var names = mappings is null || mappings.Count == 0 ? _store.Mappings.List().Select(m => m.Name).ToList() : mappings;
        foreach (var name in names)
        {
            var stored = _store.Mappings.Get(name);
            var skipped = localKey is null && integrationKey is null
                ? _store.Couplings.All(stored.Name, skippedOnly: true)
                : OneRecord(stored.Name, localKey, integrationKey);
            using var opener = _openers();
            using var local = opener.Open(stored.Definition.Table, MappingContext.ColumnsToRead(stored.Definition, Side.Local));
            using var integration = opener.Open(stored.Definition.IntegrationTable, MappingContext.ColumnsToRead(stored.Definition, Side.Integration));
            var lookups = new LookupTranslator(_store);
            foreach (var page in skipped.Chunk(500))
            {
                var localRows = local.RowsByKeyText(page.Select(c => c.LocalKey));
                var integrationRows = integration.RowsByKeyText(page.Select(c => c.IntegrationKey));
                foreach (var coupling in page)
                    yield return Describe(stored.Definition, coupling,
                        coupling.LocalKey is null ? null : localRows.GetValueOrDefault(coupling.LocalKey),
                        coupling.IntegrationKey is null ? null : integrationRows.GetValueOrDefault(coupling.IntegrationKey), lookups);
            }
        }
    }

    private IEnumerable<Coupling> OneRecord(string mapping, string? localKey, string? integrationKey)
    {
        var coupling = localKey is not null ? _store.Couplings.Find(mapping, Side.Local, localKey) : _store.Couplings.Find(mapping, Side.Integration, integrationKey!);
        if (coupling is { Skipped: true } && (integrationKey is null || coupling.IntegrationKey == integrationKey)) yield return coupling;
    }

    private static SkippedRecord Describe(MappingDefinition mapping, Coupling coupling, Row? local, Row? integration, LookupTranslator lookups)
    {
        var failed = coupling.To.Result == SyncResult.Failed && (coupling.From.Result != SyncResult.Failed || coupling.To.Time >= coupling.From.Time)
            ? SyncDirection.ToIntegrationTable
            : coupling.From.Result == SyncResult.Failed ? SyncDirection.FromIntegrationTable : (SyncDirection?)null;
        return new SkippedRecord
        {
            Mapping = mapping.Name,
            CouplingId = coupling.Id,
            LocalTable = mapping.Table.Name,
            LocalKey = coupling.LocalKey,
            IntegrationTable = mapping.IntegrationTable.Name,
            IntegrationKey = coupling.IntegrationKey,
            Reason = coupling.SkipReason,
            SkippedAt = coupling.SkippedAt,
            FailedDirection = failed,
            LastError = failed is null ? null : coupling.Status(failed.Value).Message,
            LocalExists = local is not null,
            IntegrationExists = integration is not null,
            Fields = FieldComparisons.Of(mapping, coupling, local, integration, lookups),
        };
    }

    /// <summary>Resolves the skipped coupling of <paramref name="mapping"/> with the given local or integration key.
    /// Keep/Restore synchronize at once and return the forced job; every resolution returns the coupling as it stands
    /// after it (RemoveCoupling: as it was).</summary>
    public SkippedResolutionResult Resolve(string mapping, string? localKey, string? integrationKey, SkippedResolution resolution)
    {
        var stored = _store.Mappings.Get(mapping);
        var coupling = FindCoupling(stored.Name, localKey, integrationKey);
        var job = Apply(stored, coupling, resolution);
        return new SkippedResolutionResult(
            resolution == SkippedResolution.RemoveCoupling ? coupling : _store.Couplings.FindById(coupling.Id) ?? coupling, job);
    }

    private SyncJob? Apply(StoredMapping stored, Coupling coupling, SkippedResolution resolution)
    {
        switch (resolution)
        {
            case SkippedResolution.Retry:
                _store.InTransaction(() =>
                {
                    coupling.Skipped = false;
                    coupling.SkipReason = null;
                    coupling.SkippedAt = null;
                    coupling.FailureCount = 0;
                    foreach (var status in new[] { coupling.To, coupling.From })
                        if (status.Result == SyncResult.Failed) status.Result = SyncResult.Pending;
                    _store.Couplings.Save(coupling);
                });
                return null;
            case SkippedResolution.RemoveCoupling:
                _store.Couplings.Delete(coupling);
                return null;
            case SkippedResolution.KeepLocal:
                return Force(stored, coupling, SyncDirection.ToIntegrationTable);
            case SkippedResolution.KeepIntegration:
                return Force(stored, coupling, SyncDirection.FromIntegrationTable);
            default:
                return Restore(stored, coupling);
        }
    }

    private Coupling FindCoupling(string mapping, string? localKey, string? integrationKey)
    {
        var coupling = localKey is not null ? _store.Couplings.Find(mapping, Side.Local, localKey)
            : integrationKey is not null ? _store.Couplings.Find(mapping, Side.Integration, integrationKey)
            : throw new ArgumentException("Give the local or the integration key of the record.");
        return coupling ?? throw new ArgumentException(
            $"Mapping '{mapping}' has no coupling for {(localKey is not null ? "local key " + localKey : "integration key " + integrationKey)}.");
    }

    /// <summary>The chosen side's values overwrite the other's now, no change or conflict check; the flag clears.</summary>
    private SyncJob Force(StoredMapping stored, Coupling coupling, SyncDirection direction)
    {
        var source = direction.SourceSide();
        var key = coupling.Key(source) ?? throw new ArgumentException(
            $"The {stored.Definition.TableOf(source).Name} side of this skipped record has no record to keep; use Restore or RemoveCoupling.");
        var job = _runner.Run(new RunRequest { Mappings = new[] { stored.Name }, Direction = direction, Keys = new[] { key } }).Single();
        if (job.Status != JobStatus.Succeeded || job.Failed > 0)
            throw new InvalidOperationException(job.Message ?? LastError(stored.Name, job) ?? $"The forced synchronization of {key} failed.");
        return job;
    }

    /// <summary>Recreates the missing counterpart from the record that still exists.</summary>
    private SyncJob Restore(StoredMapping stored, Coupling coupling)
    {
        using var opener = _openers();
        bool Exists(Side side)
        {
            var key = coupling.Key(side);
            if (key is null) return false;
            using var table = opener.Open(stored.Definition.TableOf(side), MappingContext.ColumnsToRead(stored.Definition, side));
            return table.ReadByKeys(new[] { table.ParseKey(key) }).Count > 0;
        }
        var localExists = Exists(Side.Local);
        var integrationExists = Exists(Side.Integration);
        if (localExists == integrationExists)
            throw new InvalidOperationException(localExists
                ? "Both records exist; there is nothing to restore. Use -Keep Local or -Keep Integration."
                : "Neither record exists any more; remove the coupling instead.");
        var direction = localExists ? SyncDirection.ToIntegrationTable : SyncDirection.FromIntegrationTable;
        if (!stored.Definition.Direction.Permits(direction))
            throw new InvalidOperationException($"Mapping '{stored.Name}' is {stored.Definition.Direction}; it cannot restore a record {direction}.");
        return Force(stored, coupling, direction);
    }

    private string? LastError(string mapping, SyncJob job) =>
        _store.Errors.Query(new ErrorQuery { Mappings = new[] { mapping }, JobId = job.Id, Newest = 1 }).FirstOrDefault()?.Message;
}
