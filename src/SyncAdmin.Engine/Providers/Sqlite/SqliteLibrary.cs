namespace SyncAdmin.Engine.Providers.Sqlite;

/// <summary>Microsoft.Data.Sqlite.Core does not load a native SQLite by itself; the e_sqlite3 bundle must be
/// registered once per process before the first connection.</summary>
public static class SqliteLibrary
{
    private static readonly Lazy<bool> Loaded = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    public static void EnsureLoaded() => _ = Loaded.Value;
}
