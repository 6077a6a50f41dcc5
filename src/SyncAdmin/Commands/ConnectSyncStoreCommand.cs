using System.Collections;
using System.Management.Automation;
using SyncAdmin.Parameters;

namespace SyncAdmin.Commands;

/// <summary>Connect-SyncStore: chooses the state store for this session (a SQLite file, or a SQL Server database shared
/// by runbook workers), creating it or migrating its schema.</summary>
[Cmdlet(VerbsCommunications.Connect, "SyncStore", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(SyncStoreInfo))]
public sealed class ConnectSyncStoreCommand : SyncStoreCmdlet
{
    private const string PathSet = "Path";
    private const string ConnectionStringSet = "ConnectionString";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = ConnectionStringSet)]
    public StoreProvider Provider { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ConnectionStringSet)]
    [ValidateNotNullOrEmpty]
    public string ConnectionString { get; set; } = "";

    /// <summary>Connection name (as in the mapping file) → PSCredential, overriding that connection string's user and password.</summary>
    [Parameter]
    public Hashtable? ConnectionCredential { get; set; }

    /// <summary>Creates a new, empty SQLite store (and its folder) when the file does not exist. Without it a path that
    /// names no store is an error: a store that vanished, or a mistyped path, must not become a new empty store whose first
    /// run inserts every record a second time.</summary>
    [Parameter(ParameterSetName = PathSet)]
    public SwitchParameter Create { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        var credentials = Credentials();
        var location = Location();
        var creates = location.Provider == StoreProvider.Sqlite && !File.Exists(location.Target);
        if (creates && !Create)
            Terminate(new FileNotFoundException(
                    $"There is no sync store at '{location.Target}'. To create a new, empty one there, add -Create. If a store was there, " +
                    "restore it rather than creating a new one: a new store knows no couplings, and its first run would insert every " +
                    "record again."),
                ErrorIds.StoreNotFound, FailureCategory.ObjectNotFound, location.Target);
        var action = creates ? "Create a new, empty sync store and connect to it" : "Connect to the sync store (upgrading its schema if needed)";
        if (!ShouldProcess(location.Display, action)) return;
        try
        {
            using var engine = location.Open(null, create: creates);
            SessionStore.Connect(new StoreConnection(location, credentials));
            if (creates) WriteVerbose($"Created a new, empty sync store: {engine.Store.Description}.");
            WriteVerbose($"Connected to the {engine.Store.Description} (schema version {engine.Store.SchemaVersion}).");
            if (PassThru)
                WriteObject(new SyncStoreInfo
                {
                    Provider = location.Provider,
                    Location = location.Display,
                    Description = engine.Store.Description,
                    SchemaVersion = engine.Store.SchemaVersion,
                    Mappings = engine.Store.Mappings.List().Count,
                });
        }
        catch (Exception e) when (EngineFailure.IsExpected(e))
        {
            Terminate(e, ErrorIds.StoreUnavailable, FailureCategory.ResourceUnavailable, location.Display);
        }
    }

    private StoreLocation Location()
    {
        if (ParameterSetName == PathSet) return StoreLocation.Sqlite(SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path));
        if (Provider != StoreProvider.Sqlite) return new StoreLocation(Provider, ConnectionString);
        try
        {
            return StoreLocation.Sqlite(SessionState.Path.GetUnresolvedProviderPathFromPSPath(StoreLocation.SqliteDataSource(ConnectionString)));
        }
        catch (ArgumentException e)
        {
            Terminate(e, ErrorIds.StoreUnavailable, FailureCategory.InvalidArgument, null);
            throw;
        }
    }

    private Dictionary<string, PSCredential> Credentials()
    {
        var credentials = new Dictionary<string, PSCredential>(StringComparer.OrdinalIgnoreCase);
        if (ConnectionCredential is null) return credentials;
        foreach (DictionaryEntry entry in ConnectionCredential)
        {
            var value = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
            if (value is not PSCredential credential)
            {
                Terminate(new ArgumentException($"-ConnectionCredential: the value for connection '{entry.Key}' must be a PSCredential (Get-Credential)."),
                    ErrorIds.InvalidCredential, FailureCategory.InvalidArgument, entry.Key);
                throw new InvalidOperationException(); // not reached
            }
            credentials[entry.Key.ToString()!] = credential;
        }
        return credentials;
    }
}
