using SyncAdmin.Parameters;

namespace SyncAdmin;

/// <summary>What Connect-SyncStore -PassThru reports about the store the session now uses.</summary>
public sealed class SyncStoreInfo
{
    public StoreProvider Provider { get; init; }
    /// <summary>The store's path, or its connection string without the password.</summary>
    public required string Location { get; init; }
    /// <summary>The store as the engine names it in messages: "SQLite store '…'" or the server and database.</summary>
    public required string Description { get; init; }
    public int SchemaVersion { get; init; }
    public int Mappings { get; init; }
}
