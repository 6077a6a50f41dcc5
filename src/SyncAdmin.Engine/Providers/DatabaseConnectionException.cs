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

/// <summary>The database itself failed while a job read or wrote it (a full disk, a read-only or vanished file, a lost
/// connection): the job stops. The message names the table, the connection, the file or server, and the database's reason.</summary>
public sealed class DatabaseOperationException : Exception
{
    public DatabaseOperationException(string message, Exception inner) : base(message, inner) { }
}
