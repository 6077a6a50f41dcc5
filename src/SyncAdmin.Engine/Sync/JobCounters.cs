using SyncAdmin.Engine.State;

namespace SyncAdmin.Engine.Sync;

/// <summary>Business Central's counters, from each record's final action.</summary>
internal static class JobCounters
{
    public static void Count(SyncJob job, RecordWork work)
    {
        switch (work.Action)
        {
            case RecordAction.Skipped: job.Skipped++; break;
            case RecordAction.Unchanged: job.Unchanged++; break;
            case RecordAction.Insert: job.Inserted++; break;
            case RecordAction.Modify: job.Modified++; break;
            case RecordAction.Couple:
                job.Coupled++;
                if (work.Values.Count > 0) job.Modified++;
                break;
            case RecordAction.DeleteSource: job.Deleted++; break;
            case RecordAction.Uncouple: job.Uncoupled++; break;
            case RecordAction.Fail: job.Failed++; break;
        }
    }
}
