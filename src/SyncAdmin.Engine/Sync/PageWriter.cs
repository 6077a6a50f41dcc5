using System.Data.Common;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.State;

namespace SyncAdmin.Engine.Sync;

/// <summary>Carries out a page of decisions in three commits: intents in the store, the destination writes, the results
/// in the store. A crash between any two leaves intents that <see cref="PendingRecovery"/> finishes or redoes.</summary>
internal sealed class PageWriter
{
    private readonly MappingContext _context;
    private readonly SyncDirection _pass;
    private readonly Side _source;
    private readonly Side _destination;
    private readonly SyncJob _job;
    private readonly Action<string>? _checkpoint;
    private readonly Action? _proveLease;

    public PageWriter(MappingContext context, SyncDirection pass, SyncJob job, Action<string>? checkpoint, Action? proveLease = null)
    {
        _proveLease = proveLease;
        _context = context;
        _pass = pass;
        _source = pass.SourceSide();
        _destination = _source.Other();
        _job = job;
        _checkpoint = checkpoint;
    }

    private StateStore Store => _context.Store;

    public void Write(IReadOnlyList<RecordWork> page)
    {
        var writes = page.Where(w => w.WritesDestination || w.Action == RecordAction.DeleteSource).ToList();
        if (writes.Count > 0)
        {
            Store.InDurableTransaction(() =>
            {
                _proveLease?.Invoke();
                foreach (var work in writes) RecordIntent(work);
                _checkpoint?.Invoke("intent-committing");
            });
            _checkpoint?.Invoke("intent-recorded");
            WriteDestination(writes.Where(w => w.WritesDestination && w.Action != RecordAction.Fail).ToList());
            _checkpoint?.Invoke("destination-committed");
            DeleteSources(writes.Where(w => w.Action == RecordAction.DeleteSource).ToList());
        }
        Store.InTransaction(() =>
        {
            _proveLease?.Invoke();
            var confirmed = new List<long>();
            foreach (var work in page)
            {
                if (IsRecordedByItsIntent(work)) confirmed.Add(work.Coupling!.Id);
                else RecordResult(work);
            }
            Store.Couplings.ConfirmInserts(confirmed, _pass, _job.Id);
        });
        _checkpoint?.Invoke("results-recorded");
    }

    /// <summary>Phase 1: the coupling learns what is about to be written. Inserts get their full coupling (planned key,
    /// bases) now, so recovery only has to check whether the destination row exists. Updates announce the values they
    /// write and the bases they lead to, so recovery can tell a write that happened (the destination holds exactly the
    /// announced values: adopt them) from one that did not, before any new change is decided.</summary>
    private void RecordIntent(RecordWork work)
    {
        var now = Store.UtcNow;
        var coupling = work.Coupling ??= new Coupling { Mapping = _context.Name, CreatedAt = now };
        coupling.SetKey(_source, work.SourceKey);
        var operation = work.Action switch
        {
            RecordAction.Insert => PendingOperation.Insert,
            RecordAction.DeleteSource => PendingOperation.Delete,
            _ => PendingOperation.Update,
        };
        if (work.Action == RecordAction.Couple) coupling.SetKey(_destination, work.DestinationKey);
        var intent = new PendingIntent(operation, _pass, _job.Id);
        if (work.Action == RecordAction.Insert)
        {
            work.DestinationStamp = StampDestination(work.Values, now);
            coupling.SetKey(_destination, work.DestinationKey);
            coupling.SetBase(_source, _context.SideValues(work.Source, _source));
            coupling.SetBase(_destination, Canonical(work.Values));
            coupling.SetStamp(_source, work.Source.ModifiedOn);
            coupling.SetStamp(_destination, work.DestinationStamp);
            // Announced, not yet done: a first insert is Pending until the destination commit is confirmed (one statement
            // for the page). A retried one keeps its failure (and count) until it succeeds.
            if (!work.Forced && coupling.Id == 0) AnnounceOutcome(coupling);
        }
        else if (operation == PendingOperation.Update && work.Destination is not null)
        {
            work.DestinationStamp = StampDestination(work.Values, now);
            var (sourceBase, destinationBase) = BasesAfter(work, coupling);
            var (sourceNow, destinationNow) = ValuesAfter(work);
            intent = intent with
            {
                Written = Canonical(work.Values),
                SourceBase = sourceBase,
                DestinationBase = destinationBase,
                SourceStamp = Coupling.Settled(sourceBase, sourceNow) ? work.Source.ModifiedOn : null,
                DestinationStamp = Coupling.Settled(destinationBase, destinationNow) ? work.DestinationStamp ?? work.Destination.ModifiedOn : null,
            };
        }
        coupling.Pending = intent;
        try
        {
            Store.Couplings.Save(coupling);
        }
        catch (DbException e) when (Store.Dialect.IsUniqueViolation(e)) // that destination record is coupled already
        {
            coupling.Pending = null;
            coupling.SetKey(_destination, null);
            work.Fail($"{_context.TableName(_destination)} {work.DestinationKey} is already coupled to another {_context.TableName(_source)} record.");
        }
    }

    /// <summary>Phase 2: one destination transaction for the page; a record the database rejects fails alone.</summary>
    private void WriteDestination(IReadOnlyList<RecordWork> writes)
    {
        if (writes.Count == 0) return;
        var table = _context.Table(_destination);
        var now = Store.UtcNow;
        using (var writer = table.BeginWrite())
        {
            foreach (var work in writes)
            {
                try
                {
                    if (work.Action == RecordAction.Insert)
                    {
                        var key = InsertOrRedo(writer, table, work);
                        work.DestinationKey = MappingContext.KeyText(key);
                    }
                    else
                    {
                        work.DestinationStamp ??= StampDestination(work.Values, now);
                        var key = table.ParseKey(work.DestinationKey!);
                        if (!writer.Update(key, work.Values))
                            work.Fail($"The {_context.TableName(_destination)} record {work.DestinationKey} no longer exists.");
                    }
                }
                catch (RecordWriteException e)
                {
                    work.Fail(e.Message, e.InnerException?.Message);
                }
            }
            writer.Commit();
        }
        ReadBackStamps(writes);
    }

    /// <summary>A redone insert whose key is taken was written after all (by the run that announced it, late): the row is
    /// this record's, so it gets the values now instead of the record failing or being inserted a second time.</summary>
    private object InsertOrRedo(ITableWriter writer, IRecordTable table, RecordWork work)
    {
        try
        {
            return writer.Insert(work.Values);
        }
        catch (RecordWriteException) when (work.RedoesInsert)
        {
            var key = table.ParseKey(work.DestinationKey!);
            var keyColumn = _context.TableDefinition(_destination).Key;
            var values = work.Values.Where(v => !string.Equals(v.Key, keyColumn, StringComparison.OrdinalIgnoreCase))
                .ToDictionary(v => v.Key, v => v.Value, StringComparer.OrdinalIgnoreCase);
            if (!writer.Update(key, values)) throw;
            return key;
        }
    }

    /// <summary>When a trigger maintains the destination's modified-on, read what it set so echoes are recognised.</summary>
    private void ReadBackStamps(IReadOnlyList<RecordWork> writes)
    {
        var definition = _context.TableDefinition(_destination);
        if (definition.ModifiedOn is null || definition.SetModifiedOn) return;
        var done = writes.Where(w => w.Action != RecordAction.Fail && w.DestinationKey is not null).ToList();
        var rows = _context.Table(_destination).RowsByKeyText(done.Select(w => w.DestinationKey));
        foreach (var work in done)
            work.DestinationStamp = rows.TryGetValue(work.DestinationKey!, out var row) ? row.ModifiedOn : null;
    }

    private void DeleteSources(IReadOnlyList<RecordWork> deletes)
    {
        if (deletes.Count == 0) return;
        var table = _context.Table(_source);
        using var writer = table.BeginWrite();
        foreach (var work in deletes)
        {
            try
            {
                writer.Delete(work.Source.Key);
            }
            catch (RecordWriteException e)
            {
                work.Fail(e.Message, e.InnerException?.Message);
            }
        }
        writer.Commit();
    }

    private DateTime? StampDestination(Dictionary<string, object?> values, DateTime now)
    {
        var definition = _context.TableDefinition(_destination);
        if (definition.ModifiedOn is null || !definition.SetModifiedOn) return null;
        var stamp = UtcTime.TruncateToMilliseconds(now);
        values[definition.ModifiedOn] = stamp;
        return stamp;
    }

    private FieldValues Canonical(Dictionary<string, object?> values)
    {
        var result = new FieldValues(_context.Fields.Count);
        foreach (var field in _context.Fields)
            if (field.Column(_destination) is { } column && values.TryGetValue(column.Name, out var value))
                result[column.Name] = CanonicalValue.Of(value);
        return result;
    }

    /// <summary>Phase 3: counters, coupling state, error log.</summary>
    private void RecordResult(RecordWork work)
    {
        switch (work.Action)
        {
            case RecordAction.Ignore:
                return;
            case RecordAction.Skipped:
                return;
            case RecordAction.Fail:
                RecordFailure(work);
                return;
            case RecordAction.Uncouple:
                Store.Couplings.Delete(work.Coupling!);
                return;
            case RecordAction.DeleteSource:
                Store.Couplings.Delete(work.Coupling!);
                return;
        }
        // A match-based coupling that needed no write has no intent, so its coupling is born here.
        var coupling = work.Coupling ??= new Coupling { Mapping = _context.Name, CreatedAt = Store.UtcNow };
        coupling.SetKey(_source, work.SourceKey);
        if (work.Action == RecordAction.Couple) coupling.SetKey(_destination, work.DestinationKey);
        if (work.Action == RecordAction.Insert)
        {
            coupling.SetKey(_destination, work.DestinationKey);
            if (work.DestinationStamp is not null) coupling.SetStamp(_destination, work.DestinationStamp);
        }
        else
        {
            MoveBases(work, coupling);
        }
        RecordSuccess(coupling);
        coupling.Pending = null;
        if (work.Forced)
        {
            coupling.Skipped = false;
            coupling.SkipReason = null;
            coupling.SkippedAt = null;
            coupling.Status(_pass == SyncDirection.ToIntegrationTable ? SyncDirection.FromIntegrationTable : SyncDirection.ToIntegrationTable).Result = SyncResult.None;
        }
        Store.Couplings.Save(coupling);
    }

    /// <summary>A first insert announced by this job: its outcome stays Pending until the write is confirmed.</summary>
    private void AnnounceOutcome(Coupling coupling)
    {
        var status = coupling.Status(_pass);
        status.Result = SyncResult.Pending;
        status.JobId = _job.Id;
        status.Message = null;
        status.Time = Store.UtcNow;
    }

    private void RecordSuccess(Coupling coupling)
    {
        var status = coupling.Status(_pass);
        status.Result = SyncResult.Succeeded;
        status.JobId = _job.Id;
        status.Message = null;
        status.Time = Store.UtcNow;
        coupling.FailureCount = 0;
        coupling.SyncedAt = status.Time;
    }

    /// <summary>An insert whose intent already holds its whole outcome (the key and stamp we planned) but the success:
    /// confirming it only clears the intent and records the success, in one statement for the page.</summary>
    private bool IsRecordedByItsIntent(RecordWork work) =>
        work is { Action: RecordAction.Insert, Forced: false, Coupling: { } coupling }
        && coupling.Pending is not null
        && coupling.Status(_pass) is { Result: SyncResult.Pending } status && status.JobId == _job.Id
        && coupling.Key(_destination) == work.DestinationKey
        && coupling.Stamp(_destination) == work.DestinationStamp;

    /// <summary>After a successful update the transferred fields' bases take the values now common to both sides;
    /// the other fields keep theirs, so a change the other pass still has to carry is not forgotten.</summary>
    private void MoveBases(RecordWork work, Coupling coupling)
    {
        var (sourceBase, destinationBase) = BasesAfter(work, coupling);
        var (sourceNow, destinationNow) = ValuesAfter(work);
        coupling.SetBase(_source, sourceBase);
        coupling.SetBase(_destination, destinationBase);
        coupling.SetStampIfSettled(_source, work.Source.ModifiedOn, sourceNow);
        coupling.SetStampIfSettled(_destination, work.DestinationStamp ?? work.Destination!.ModifiedOn, destinationNow);
    }

    /// <summary>Each side's mapped values once <paramref name="work"/> is written: the source as read, the destination as
    /// read with the written values over it.</summary>
    private (FieldValues Source, FieldValues Destination) ValuesAfter(RecordWork work)
    {
        var destination = new FieldValues(_context.SideValues(work.Destination!, _destination));
        foreach (var (column, value) in work.Values)
            if (destination.ContainsKey(column)) destination[column] = CanonicalValue.Of(value);
        return (_context.SideValues(work.Source, _source), destination);
    }

    /// <summary>The bases a successful write of <paramref name="work"/> leads to (announced with the intent, applied
    /// with the result).</summary>
    private (FieldValues Source, FieldValues Destination) BasesAfter(RecordWork work, Coupling coupling)
    {
        var sourceValues = _context.SideValues(work.Source, _source);
        var destinationValues = _context.SideValues(work.Destination!, _destination);
        var sourceBase = work.Forced || coupling.Base(_source) is null ? new FieldValues(sourceValues) : new FieldValues(coupling.Base(_source)!);
        var destinationBase = work.Forced || coupling.Base(_destination) is null ? new FieldValues(destinationValues) : new FieldValues(coupling.Base(_destination)!);
        foreach (var field in work.Transferred)
        {
            if (field.Column(_source) is { } sourceColumn) sourceBase[sourceColumn.Name] = sourceValues.Value(sourceColumn.Name);
            var destinationColumn = field.Column(_destination)!.Name;
            destinationBase[destinationColumn] = work.Values.TryGetValue(destinationColumn, out var written)
                ? CanonicalValue.Of(written)
                : destinationValues.Value(destinationColumn);
        }
        return (sourceBase, destinationBase);
    }

    /// <summary>One error entry; the coupling keeps the message itself, and becomes Skipped after the same failure repeats.</summary>
    private void RecordFailure(RecordWork work)
    {
        var now = Store.UtcNow;
        var coupling = work.Coupling ??= new Coupling { Mapping = _context.Name, CreatedAt = now };
        coupling.SetKey(_source, work.SourceKey);
        var status = coupling.Status(_pass);
        coupling.FailureCount = status.Result == SyncResult.Failed && status.Message == work.Message ? coupling.FailureCount + 1 : 1;
        status.Result = SyncResult.Failed;
        status.JobId = _job.Id;
        status.Message = work.Message;
        status.Time = now;
        coupling.Pending = null;
        if (work.FailedAction == RecordAction.Insert)
        {
            // The insert did not happen: what remains is a failed insert, retried on later runs.
            coupling.SetKey(_destination, null);
            coupling.SetBase(Side.Local, null);
            coupling.SetBase(Side.Integration, null);
            coupling.SetStamp(Side.Local, null);
            coupling.SetStamp(Side.Integration, null);
        }
        var threshold = _context.Definition.SkipAfterRepeatedFailures;
        if (threshold > 0 && coupling.FailureCount >= threshold && !coupling.Skipped)
        {
            coupling.Skipped = true;
            coupling.SkipReason = work.Message;
            coupling.SkippedAt = now;
        }
        Store.Couplings.Save(coupling);
        Store.Errors.Add(new SyncError
        {
            JobId = _job.Id,
            Mapping = _context.Name,
            Direction = _pass,
            SourceTable = _context.TableName(_source),
            SourceKey = work.SourceKey,
            DestinationTable = _context.TableName(_destination),
            DestinationKey = work.FailedAction == RecordAction.Insert ? null : work.DestinationKey ?? coupling.Key(_destination),
            Message = work.Message!,
            Detail = work.Detail,
            CreatedAt = now,
        });
    }
}
