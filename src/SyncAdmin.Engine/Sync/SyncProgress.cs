using SyncAdmin.Engine.Configuration;

namespace SyncAdmin.Engine.Sync;

/// <summary>Reported after every page, for a progress bar.</summary>
public sealed record SyncProgress(string Mapping, SyncDirection Direction, string Phase, int RecordsProcessed, int Inserted, int Modified, int Failed);
