using SyncAdmin.Engine.Admin;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Sync;

namespace SyncAdmin.Engine;

/// <summary>Everything an admin does with SyncAdmin, as engine calls the cmdlets wrap: import and change mappings, run
/// them, read and purge the error log, list and resolve skipped records, couple and uncouple, read job history.</summary>
public sealed class SyncEngine : IDisposable
{
    private readonly Func<ITableOpener> _openers;
    private readonly IReadOnlyDictionary<string, DatabaseCredential>? _credentials;

    private SyncEngine(StateStore store, Func<ITableOpener> openers, IReadOnlyDictionary<string, DatabaseCredential>? credentials)
    {
        _credentials = credentials;
        Store = store;
        _openers = openers;
        Runner = new SyncRunner(store, openers);
        Skipped = new SkippedRecords(store, openers, Runner);
        Couplings = new CouplingAdmin(store, openers);
        Removal = new MappingRemoval(store);
        Setup = new SetupChecks(store, credentials);
        Watermarks = new MappingWatermarks(store, openers);
        Reconciliation = new Reconciliation(store, openers);
    }

    /// <summary>Opens (creating and migrating if needed) the SQLite store at <paramref name="storePath"/>.</summary>
    public static SyncEngine Open(string storePath, EngineOptions? options = null)
    {
        options ??= new EngineOptions();
        var store = StateStore.Open(storePath, options.Clock, options.CreateStore);
        return new SyncEngine(store, options.TableOpeners ?? (() => new DatabaseTableOpener(store.Mappings, options.Credentials)), options.Credentials);
    }

    /// <summary>Opens (creating the tables or migrating them if needed) a store in an existing SQL Server database, shared
    /// by every worker that runs mappings against it. <c>${env:NAME}</c> placeholders in the connection string are resolved.</summary>
    public static SyncEngine OpenSqlServer(string connectionString, EngineOptions? options = null)
    {
        options ??= new EngineOptions();
        var store = StateStore.OpenSqlServer(connectionString, options.Clock);
        return new SyncEngine(store, options.TableOpeners ?? (() => new DatabaseTableOpener(store.Mappings, options.Credentials)), options.Credentials);
    }

    public StateStore Store { get; }
    public SyncRunner Runner { get; }
    public SkippedRecords Skipped { get; }
    public CouplingAdmin Couplings { get; }
    public MappingRemoval Removal { get; }
    public SetupChecks Setup { get; }
    public MappingWatermarks Watermarks { get; }
    public Reconciliation Reconciliation { get; }

    /// <summary>A reader of the live rows behind record pairs; dispose it when the pipeline ends (it keeps tables open).</summary>
    public SyncRecordReader OpenRecordReader() => new(Store, _openers);

    /// <summary>Validates a mapping file against its rules and the mappings already stored, then stores it whole
    /// (unless <paramref name="validateOnly"/>). A bad file throws <see cref="ConfigurationException"/> and changes nothing.</summary>
    /// <param name="checkSchema">Also check every mapping of the file against the live tables (columns exist, types
    /// convert, inserts are crash-safe), through the file's connections; any problem refuses the whole file.</param>
    public IReadOnlyList<MappingChange> ImportMappings(string path, bool validateOnly = false, bool checkSchema = false)
    {
        var known = Store.Mappings.List();
        var document = MappingFileLoader.Load(path, Store.Mappings.ListConnections(), known.Select(m => m.Definition));
        if (checkSchema) CheckSchema(document);
        var changes = document.Mappings.Select(m =>
        {
            var existing = known.FirstOrDefault(k => MappingStore.Names.Equals(k.Name, m.Name));
            return MappingChange.Compare(existing is null ? m : m with { Name = existing.Name }, existing?.Definition);
        }).ToList();
        if (!validateOnly) Store.Mappings.Save(document);
        return changes;
    }

    private void CheckSchema(MappingDocument document)
    {
        ConnectionDefinition? Connection(string name) =>
            document.Connections.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? Store.Mappings.FindConnection(name);
        using var opener = new DatabaseTableOpener(Connection, _credentials);
        var problems = document.Mappings.SelectMany(m => SchemaValidation.Check(m, opener)).ToList();
        if (problems.Count > 0)
            throw new ConfigurationException(
                "The live tables do not fit the mappings; nothing was imported:" + Environment.NewLine + string.Join(Environment.NewLine, problems),
                document.SourcePath);
    }

    /// <summary>Changes settings of a stored mapping (Set-IntegrationMapping -Name … -Direction …); the result is checked
    /// by the same rules as a file before anything is stored.</summary>
    public MappingChange UpdateMapping(string name, Func<MappingDefinition, MappingDefinition> change, bool validateOnly = false)
    {
        var stored = Store.Mappings.Get(name);
        var updated = change(stored.Definition) with { Name = stored.Name };
        var others = Store.Mappings.List().Where(m => m.Name != stored.Name).Select(m => m.Definition);
        var violations = MappingRules.Check(new[] { updated }, Array.Empty<ConnectionDefinition>(), Store.Mappings.ListConnections(), others);
        if (violations.Count > 0) throw new ConfigurationException(violations[0].Message);
        if (!validateOnly) Store.Mappings.Save(updated, stored.SourceFile);
        return MappingChange.Compare(updated, stored.Definition);
    }

    /// <summary>Mappings with their status: last jobs, open error and skipped counts.</summary>
    public IReadOnlyList<MappingStatus> GetMappings() => Store.Mappings.List().Select(m => MappingStatus.Of(m, Store)).ToList();

    /// <summary>Checks a stored mapping against the live schemas of both tables.</summary>
    public IReadOnlyList<string> ValidateSchema(string name)
    {
        using var opener = _openers();
        return SchemaValidation.Check(Store.Mappings.Get(name).Definition, opener);
    }

    public IEnumerable<SyncJob> Run(RunRequest request, IProgress<SyncProgress>? progress = null, CancellationToken cancellation = default) =>
        Runner.Run(request, progress, cancellation);

    public IReadOnlyList<SyncJob> GetJobs(JobQuery query) => Store.Jobs.Query(query);

    public IEnumerable<SyncError> GetErrors(ErrorQuery query) => Store.Errors.Query(query);

    /// <summary>The errors a query selects, grouped by mapping, category, direction and cause.</summary>
    public IReadOnlyList<SyncErrorSummary> SummarizeErrors(ErrorQuery query) => ErrorSummaries.Of(Store.Errors.Query(query));

    /// <summary>Removes finished jobs started more than <paramref name="age"/> ago (Business Central cleans its job log the
    /// same way), keeping those errors and skipped records still refer to unless <paramref name="includeReferenced"/>.</summary>
    public JobPurge RemoveJobsOlderThan(TimeSpan age, IReadOnlyList<string>? mappings, bool includeReferenced) =>
        Store.Jobs.Purge(Store.UtcNow - age, mappings, null, includeReferenced);

    public JobPurge RemoveJobs(IReadOnlyCollection<long> ids, bool includeReferenced) => Store.Jobs.Purge(null, null, ids, includeReferenced);

    /// <summary>Deletes error entries older than <paramref name="age"/> (the seeds' "older than 7 days").</summary>
    public int RemoveErrorsOlderThan(TimeSpan age, IReadOnlyList<string>? mappings = null) =>
        Store.Errors.PurgeOlderThan(Store.UtcNow - age, mappings);

    public int RemoveAllErrors(IReadOnlyList<string>? mappings = null) => Store.Errors.PurgeAll(mappings);

    public int RemoveErrors(IReadOnlyCollection<long> ids) => Store.Errors.PurgeIds(ids);

    public void Dispose() => Store.Dispose();
}

/// <summary>How an engine is opened: clock (tests), credentials per connection name, and how tables are opened.</summary>
public sealed record EngineOptions
{
    public TimeProvider? Clock { get; init; }
    /// <summary>Connection name → user name and password, overriding the connection string's (a PSCredential).</summary>
    public IReadOnlyDictionary<string, DatabaseCredential>? Credentials { get; init; }
    public Func<ITableOpener>? TableOpeners { get; init; }
    /// <summary>Create the SQLite store when its file does not exist (else that is an error).</summary>
    public bool CreateStore { get; init; } = true;
}
