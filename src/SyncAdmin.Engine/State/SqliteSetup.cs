namespace SyncAdmin.Engine.State;

/// <summary>Microsoft.Data.Sqlite.Core needs its native provider registered once per process.</summary>
public static class SqliteSetup
{
    private static readonly Lazy<bool> Initialized = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    public static void EnsureInitialized() => _ = Initialized.Value;
}
