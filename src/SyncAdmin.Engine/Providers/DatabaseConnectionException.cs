namespace SyncAdmin.Engine.Providers;

/// <summary>A connection could not be opened. The message names the connection and never holds its password.</summary>
public sealed class DatabaseConnectionException : Exception
{
    public DatabaseConnectionException(string connectionName, string message, Exception? inner = null) : base(message, inner)
    {
        ConnectionName = connectionName;
    }

    public string ConnectionName { get; }
}
