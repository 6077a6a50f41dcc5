using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;

namespace SyncAdmin.Engine.Sync;

/// <summary>Runs mappings: in dependsOn order, each under its lease, pending intents recovered first, then a To pass and a
/// From pass as separate jobs. One bad record never stops a job; a lost connection or store failure ends it Failed.</summary>
public sealed class SyncRunner
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(5);
    private readonly StateStore _store;
    private readonly Func<ITableOpener> _openers;

    public SyncRunner(StateStore store, Func<ITableOpener> openers)
    {
        _store = store;
        _openers = openers;
    }

    /// <summary>Who holds the leases this runner takes (shown to a second run that is refused).</summary>
    public string Owner { get; init; } = $"{Environment.MachineName} (process {Environment.ProcessId})";

    /// <summary>Test hook: named points inside a page where a crash can be simulated.</summary>
    internal Action<string>? Checkpoint { get; init; }

    /// <summary>Runs the request and yields each job as it ends.</summary>
    public IEnumerable<SyncJob> Run(RunRequest request, IProgress<SyncProgress>? progress = null, CancellationToken cancellation = default)
    {
        var mappings = RunOrder.Resolve(_store.Mappings.List(), request.Mappings);
        if (request.Keys is not null && mappings.Count != 1)
            throw new ArgumentException("Synchronizing chosen records (-Key) needs exactly one mapping (-Name).");
        foreach (var mapping in mappings)
            foreach (var job in RunMapping(mapping, request, progress, cancellation))
                yield return job;
    }

    private IEnumerable<SyncJob> RunMapping(StoredMapping stored, RunRequest request, IProgress<SyncProgress>? progress, CancellationToken cancellation)
    {
        var passes = Passes(stored.Definition, request);
        var kind = request.Keys is not null ? JobKind.Forced : request.Full ? JobKind.Full : JobKind.Incremental;
        Lease? lease = null;
        if (!request.Preview)
        {
            var (acquired, refusal) = AcquireLease(stored.Name, request.WaitForLease, cancellation);
            if (acquired is null)
            {
                yield return FailedJob(stored.Name, passes[0], kind, refusal!);
                yield break;
            }
            lease = acquired;
        }
        try
        {
            using var opener = _openers();
            MappingContext? context = null;
            string? openError = null;
            try
            {
                context = Open(stored, opener);
                if (!request.Preview) PendingRecovery.Run(context);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                openError = e.Message;
            }
            if (context is null)
            {
                var failed = FailedJob(stored.Name, passes[0], kind, openError!, request.Preview);
                if (!request.Preview) LogSetupFailure(failed, null, failed.Message!, leaseLost: false);
                yield return failed;
                yield break;
            }
            using var local = context.Local;
            using var integration = context.Integration;
            foreach (var pass in passes)
            {
                // The From pass must see the watermarks the To pass just moved.
                var passContext = new MappingContext(_store.Mappings.Get(stored.Name), local, integration, _store);
                var job = RunPass(passContext, pass, kind, request, progress, lease, cancellation);
                yield return job;
                if (job.Status is JobStatus.Failed or JobStatus.Cancelled) yield break;
            }
        }
        finally
        {
            if (lease is not null) _store.Leases.Release(lease);
        }
    }

    private SyncJob RunPass(MappingContext context, SyncDirection pass, JobKind kind, RunRequest request,
        IProgress<SyncProgress>? progress, Lease? lease, CancellationToken cancellation)
    {
        var job = new SyncJob { Mapping = context.Name, Direction = pass, Kind = kind };
        var previews = request.Preview ? new List<RecordPreview>() : null;
        if (request.Preview) (job.Status, job.StartedAt) = (JobStatus.Preview, _store.UtcNow); // a dry run's job is never stored
        else _store.Jobs.Start(job);
        var options = new PassOptions
        {
            Preview = request.Preview,
            Keys = request.Keys,
            Cancellation = cancellation,
            Progress = progress,
            Checkpoint = Checkpoint,
            Previews = previews,
            BetweenPages = lease is null ? null : () => _store.Leases.Renew(lease, LeaseDuration),
            // Inside each store transaction that announces or confirms writes: a run that lost its lease writes nothing more.
            ProveLease = lease is null ? null : () => _store.Leases.Renew(lease, LeaseDuration),
        };
        try
        {
            new MappingPass(context, pass, job, options).Run();
            if (request.Preview)
            {
                job.Records = previews!;
                job.FinishedAt = _store.UtcNow;
            }
            else
            {
                _store.EnsureStillThere(); // a store deleted meanwhile would otherwise take the Succeeded to nowhere
                _store.Jobs.Finish(job, JobStatus.Succeeded);
            }
        }
        catch (OperationCanceledException)
        {
            if (!request.Preview) _store.Jobs.Finish(job, JobStatus.Cancelled, "Stopped by the user between two pages; the watermark did not move.");
            else (job.Status, job.FinishedAt) = (JobStatus.Cancelled, _store.UtcNow);
        }
        catch (Exception e) when (e is not SimulatedCrashException)
        {
            var message = $"The job stopped: {e.Message}";
            if (!request.Preview)
            {
                TryFinish(job, message);
                LogSetupFailure(job, context, message, e is LeaseLostException);
            }
            else (job.Status, job.Message, job.FinishedAt) = (JobStatus.Failed, message, _store.UtcNow);
        }
        return job;
    }

    /// <summary>A job that stopped is an error of the setup kind in the log (Business Central lists them on the same page):
    /// <c>Get-SyncError -JobId N</c> says why, not only the job's message. Not when the store itself is what failed, nor
    /// for a run that lost its lease (the run holding it owns the mapping's log now).</summary>
    private void LogSetupFailure(SyncJob job, MappingContext? context, string message, bool leaseLost)
    {
        if (leaseLost) return;
        try
        {
            _store.Errors.Add(new SyncError
            {
                JobId = job.Id == 0 ? null : job.Id,
                Mapping = job.Mapping,
                Direction = job.Direction,
                SourceTable = context?.TableName(job.Direction.SourceSide()),
                DestinationTable = context?.TableName(job.Direction.SourceSide().Other()),
                Message = message,
                Category = SyncErrorCategory.Setup,
            });
        }
        catch (Exception e) when (e is StoreUnavailableException or System.Data.Common.DbException)
        {
            // The store is what failed: the job object carries the message.
        }
    }

    /// <summary>Records a Failed job; if the store itself is what failed, the job object still carries the message.</summary>
    private void TryFinish(SyncJob job, string message)
    {
        try
        {
            _store.Jobs.Finish(job, JobStatus.Failed, message);
        }
        catch (Exception)
        {
            job.Status = JobStatus.Failed;
            job.Message = message;
        }
    }

    private SyncJob FailedJob(string mapping, SyncDirection pass, JobKind kind, string message, bool preview = false)
    {
        var job = new SyncJob { Mapping = mapping, Direction = pass, Kind = kind };
        if (preview)
        {
            job.Status = JobStatus.Failed;
            job.Message = message;
            job.StartedAt = _store.UtcNow;
            job.FinishedAt = job.StartedAt;
            return job;
        }
        _store.Jobs.Start(job);
        _store.Jobs.Finish(job, JobStatus.Failed, message);
        return job;
    }

    private (Lease?, string?) AcquireLease(string mapping, TimeSpan? wait, CancellationToken cancellation)
    {
        var deadline = _store.UtcNow + (wait ?? TimeSpan.Zero);
        while (true)
        {
            try
            {
                return (_store.Leases.Acquire(mapping, Owner, LeaseDuration), null);
            }
            catch (LeaseHeldException e)
            {
                if (_store.UtcNow >= deadline) return (null, e.Message);
            }
            cancellation.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(500));
            cancellation.ThrowIfCancellationRequested();
        }
    }

    private MappingContext Open(StoredMapping stored, ITableOpener opener)
    {
        var definition = stored.Definition;
        var local = opener.Open(definition.Table, MappingContext.ColumnsToRead(definition, Side.Local));
        var integration = opener.Open(definition.IntegrationTable, MappingContext.ColumnsToRead(definition, Side.Integration));
        return new MappingContext(stored, local, integration, _store);
    }

    private static IReadOnlyList<SyncDirection> Passes(MappingDefinition mapping, RunRequest request)
    {
        if (request.Direction is { } only)
        {
            if (only == SyncDirection.Bidirectional) return Passes(mapping, request with { Direction = null });
            if (!mapping.Direction.Permits(only))
                throw new ArgumentException($"Mapping '{mapping.Name}' is {mapping.Direction}; it cannot run {only}.");
            return new[] { only };
        }
        if (request.Keys is not null && mapping.Direction == SyncDirection.Bidirectional)
            throw new ArgumentException($"Mapping '{mapping.Name}' is Bidirectional: say which way the chosen records go (-Direction).");
        return mapping.Direction switch
        {
            SyncDirection.ToIntegrationTable => new[] { SyncDirection.ToIntegrationTable },
            SyncDirection.FromIntegrationTable => new[] { SyncDirection.FromIntegrationTable },
            _ => new[] { SyncDirection.ToIntegrationTable, SyncDirection.FromIntegrationTable },
        };
    }
}

/// <summary>Thrown by test checkpoints to stop a run the way a killed process would: nothing after it runs.</summary>
internal sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException(string point) : base($"Simulated crash at {point}.") { }
}
