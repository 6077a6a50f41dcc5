using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace SyncAdmin.Commands;

/// <summary>The store each runspace connected to. Per runspace, not per process: thread jobs and ForEach-Object -Parallel
/// runspaces each choose their own store (or use $env:SYNCADMIN_STORE).</summary>
internal static class SessionStore
{
    private static readonly ConditionalWeakTable<Runspace, StoreConnection> Connections = new();

    public static StoreConnection? Current =>
        Runspace.DefaultRunspace is { } runspace && Connections.TryGetValue(runspace, out var connection) ? connection : null;

    public static void Connect(StoreConnection connection)
    {
        var runspace = Runspace.DefaultRunspace ?? throw new InvalidOperationException("There is no runspace to connect.");
        Connections.AddOrUpdate(runspace, connection);
    }
}
