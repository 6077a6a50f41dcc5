namespace SyncAdmin.Engine.Sync;

/// <summary>This record cannot be synchronized now (conflict, missing counterpart, lookup without coupling, ...).
/// It is logged and counted Failed; the job goes on.</summary>
public sealed class RecordSyncException : Exception
{
    public RecordSyncException(string message, string? detail = null) : base(message) => Detail = detail;

    public string? Detail { get; }
}

/// <summary>The job itself cannot go on (lost connection, store failure); thrown after the job was recorded Failed.</summary>
public sealed class SyncJobFailedException : Exception
{
    public SyncJobFailedException(string message, Exception inner) : base(message, inner) { }
}
