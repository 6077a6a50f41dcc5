using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.State;

namespace SyncAdmin.Engine.Sync;

/// <summary>Settles the writes a crashed (or stalled) run announced but did not confirm, before any new change is decided.
/// Runs under the mapping's lease before its passes. An insert whose row exists is confirmed (no second counterpart); one
/// whose row does not exist is done again by the next pass, with the key it announced. An update whose destination holds
/// exactly the announced values happened: its announced bases are adopted, so an edit made since is seen as what it is
/// and not as a conflict with our own write; a field that holds its announced value is adopted even when others do not.
/// Anything else is handed back to the next pass as Pending.</summary>
internal static class PendingRecovery
{
    public static int Run(MappingContext context)
    {
        context.Store.Couplings.DropOrphanIntents();
        var pending = context.Store.Couplings.WithPendingIntent(context.Name);
        foreach (var coupling in pending)
            context.Store.InTransaction(() => Recover(context, coupling));
        return pending.Count;
    }

    private static void Recover(MappingContext context, Coupling coupling)
    {
        var intent = coupling.Pending!;
        var source = intent.Direction.SourceSide();
        var destination = source.Other();
        var status = coupling.Status(intent.Direction);
        status.JobId = intent.JobId;
        status.Time = context.Store.UtcNow;
        switch (intent.Operation)
        {
            case PendingOperation.Insert:
                var written = FindWrittenRow(context, coupling, destination);
                if (written is not null)
                {
                    coupling.SetKey(destination, MappingContext.KeyText(written.Key));
                    Succeeded(coupling, status);
                }
                else if (coupling.Key(destination) is not null)
                {
                    // Not written (yet): the next pass inserts it again with the announced key, so a late write of the
                    // announcing run collides with it instead of adding a second counterpart. The intent stays to say so.
                    status.Result = SyncResult.Pending;
                    status.Message = null;
                    context.Store.Couplings.Save(coupling);
                    return;
                }
                else
                {
                    coupling.SetBase(Side.Local, null);
                    coupling.SetBase(Side.Integration, null);
                    status.Result = SyncResult.Pending;
                }
                break;
            case PendingOperation.Delete:
                var table = context.Table(source);
                if (table.ReadByKeys(new[] { table.ParseKey(coupling.Key(source)!) }).Count == 0)
                {
                    context.Store.Couplings.Delete(coupling);
                    return;
                }
                status.Result = SyncResult.Pending;
                break;
            default:
                SettleUpdate(context, coupling, intent, destination, status);
                break;
        }
        coupling.Pending = null;
        context.Store.Couplings.Save(coupling);
    }

    private static void SettleUpdate(MappingContext context, Coupling coupling, PendingIntent intent, Side destination, DirectionStatus status)
    {
        status.Result = SyncResult.Pending;
        if (intent.Written is null || coupling.Key(destination) is not { } key) return; // announced before intents said what
        var table = context.Table(destination);
        var row = table.ReadByKeys(new[] { table.ParseKey(key) }).FirstOrDefault();
        if (row is null || row.Problem is not null) return; // deleted since: the next pass meets a deletion conflict
        var now = new FieldValues(context.SideValues(row, destination));
        var oldBase = coupling.Base(destination);
        var applied = intent.Written.Where(w => now.ContainsKey(w.Key) && now.Value(w.Key) == w.Value).Select(w => w.Key)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        // Fields the write never reached and nobody changed since (they still hold the base): the announced work is
        // finished now, so a change made meanwhile to another field is not taken for a conflict with it.
        var untouched = intent.Written.Where(w => !applied.Contains(w.Key) && oldBase is not null && now.ContainsKey(w.Key)
                                                  && now.Value(w.Key) == oldBase.Value(w.Key))
            .Select(w => w.Key).ToList();
        if (untouched.Count > 0 && Finish(context, destination, table, row, intent, untouched) is { } stamp)
        {
            applied.UnionWith(untouched);
            intent = intent with { DestinationStamp = stamp };
        }
        if (applied.Count == intent.Written.Count && intent.SourceBase is not null && intent.DestinationBase is not null)
        {
            coupling.SetBase(destination.Other(), intent.SourceBase);
            coupling.SetBase(destination, intent.DestinationBase);
            coupling.SetStamp(destination.Other(), intent.SourceStamp);
            // The row as it stands after finishing: someone may have changed another field before the recovery re-stamped it.
            foreach (var column in untouched) now[column] = intent.Written.Value(column);
            coupling.SetStampIfSettled(destination, intent.DestinationStamp, now);
            Succeeded(coupling, status);
            return;
        }
        // Some fields hold what was announced: the write happened and someone changed the others since (or it did not and
        // they equal by chance, which adopting cannot harm). Those fields' bases move; the next pass decides the rest.
        var sourceBase = coupling.Base(destination.Other()) is { } s ? new FieldValues(s) : new FieldValues();
        var destinationBase = coupling.Base(destination) is { } d ? new FieldValues(d) : new FieldValues();
        foreach (var field in context.Fields)
        {
            if (field.Column(destination) is not { } column || !applied.Contains(column.Name)) continue;
            destinationBase[column.Name] = intent.DestinationBase?.Value(column.Name) ?? intent.Written.Value(column.Name);
            if (field.Column(destination.Other()) is { } other && intent.SourceBase is not null)
                sourceBase[other.Name] = intent.SourceBase.Value(other.Name);
        }
        coupling.SetBase(destination.Other(), sourceBase);
        coupling.SetBase(destination, destinationBase);
    }

    /// <summary>Writes the announced values of <paramref name="columns"/> to the destination row (and its modified-on, when
    /// the engine maintains it), in one destination transaction; the stamp written, or null when nothing was.</summary>
    private static DateTime? Finish(MappingContext context, Side destination, IRecordTable table, Row row, PendingIntent intent, IReadOnlyList<string> columns)
    {
        var schema = table.Schema;
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in columns) values[column] = ValueConversion.To(schema.Get(column).Type, intent.Written!.Value(column));
        var definition = context.TableDefinition(destination);
        DateTime? stamp = null;
        if (definition.ModifiedOn is not null && definition.SetModifiedOn)
            values[definition.ModifiedOn] = stamp = UtcTime.TruncateToMilliseconds(context.Store.UtcNow);
        using var writer = table.BeginWrite();
        if (!writer.Update(row.Key, values)) return null;
        writer.Commit();
        return stamp ?? row.ModifiedOn;
    }

    private static void Succeeded(Coupling coupling, DirectionStatus status)
    {
        status.Result = SyncResult.Succeeded;
        status.Message = null;
        coupling.FailureCount = 0;
        coupling.SyncedAt = status.Time;
    }

    /// <summary>The row an interrupted insert may have written: by its planned key, or through matchOn when the
    /// destination generates keys.</summary>
    private static Row? FindWrittenRow(MappingContext context, Coupling coupling, Side destination)
    {
        var table = context.Table(destination);
        if (coupling.Key(destination) is { } planned)
            return table.ReadByKeys(new[] { table.ParseKey(planned) }).FirstOrDefault();
        var matchOn = context.Definition.MatchOn;
        var expected = coupling.Base(destination);
        if (matchOn.Count == 0 || expected is null) return null;
        var criteria = matchOn.Select(m => destination == Side.Local ? m.Field : m.IntegrationField)
            .Select(column => new KeyValuePair<string, object?>(column,
                ValueConversion.To(table.Schema.Get(column).Type, expected.Value(column))))
            .ToList();
        var rows = table.ReadMatches(criteria, 2);
        return rows.Count == 1 ? rows[0] : null;
    }
}
