using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.State;

namespace SyncAdmin.Engine.Sync;

/// <summary>Finishes or redoes the writes a crashed run recorded but did not confirm. Runs under the mapping's lease before
/// its passes. An insert whose row exists is confirmed (no second counterpart); anything else is handed back to the next
/// pass as Pending, where content-based change detection converges an applied-but-unrecorded update without a conflict.</summary>
internal static class PendingRecovery
{
    public static int Run(MappingContext context)
    {
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
        switch (intent.Operation)
        {
            case PendingOperation.Insert:
                var written = FindWrittenRow(context, coupling, destination);
                if (written is not null)
                {
                    coupling.SetKey(destination, MappingContext.KeyText(written.Key));
                    status.Result = SyncResult.Succeeded;
                    status.Message = null;
                }
                else
                {
                    coupling.SetKey(destination, null);
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
                status.Result = SyncResult.Pending;
                break;
        }
        status.JobId = intent.JobId;
        status.Time = context.Store.UtcNow;
        coupling.Pending = null;
        context.Store.Couplings.Save(coupling);
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
