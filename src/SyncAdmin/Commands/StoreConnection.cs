using System.Management.Automation;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Parameters;

namespace SyncAdmin.Commands;

/// <summary>The store a session connected to, with the credentials given for the databases its mappings name. Passwords
/// stay in PSCredential (SecureString) until an engine is opened for one command.</summary>
internal sealed record StoreConnection(StoreLocation Location, IReadOnlyDictionary<string, PSCredential> Credentials)
{
    public IReadOnlyDictionary<string, DatabaseCredential>? DatabaseCredentials() =>
        Credentials.Count == 0
            ? null
            : Credentials.ToDictionary(c => c.Key, c => new DatabaseCredential(c.Value.UserName, c.Value.GetNetworkCredential().Password),
                StringComparer.OrdinalIgnoreCase);
}
