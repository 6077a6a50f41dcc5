using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;

namespace SyncAdmin.Engine.Sync;

/// <summary>Opens a mapping side's table for a run; owns the connections it opened until disposed.</summary>
public interface ITableOpener : IDisposable
{
    IRecordTable Open(TableDefinition table, IReadOnlyCollection<string> columns);
}
