namespace SyncAdmin.Engine.Admin;

public enum SetupCheckStatus
{
    Passed,
    Warning,
    Failed,
}

/// <summary>What Test-SyncSetup looks at, in the order it looks.</summary>
public enum SetupCheckKind
{
    /// <summary>The environment variables and credential the connection string needs are there.</summary>
    Credential,
    /// <summary>The connection opens.</summary>
    Connection,
    /// <summary>A SQLite database's file and folder can be written (its journal lives beside it).</summary>
    File,
    /// <summary>The account is not an administrator (sysadmin, db_owner): the seeds' "administrator used as the integration user".</summary>
    Account,
    /// <summary>The account's password does not have to change at sign-in and does not expire soon.</summary>
    Password,
    /// <summary>The account may read the table, and write it where the mapping writes.</summary>
    Permission,
    /// <summary>A row can be read; an insert, update and delete are allowed (probes in a transaction that is rolled back).</summary>
    Read,
    Write,
    /// <summary>Every column the mapping names exists and its type converts.</summary>
    Schema,
    /// <summary>Columns the engine looks rows up by (key, modified-on, matchOn) lead an index on a large table.</summary>
    Index,
    /// <summary>Values a lookup field uses are coupled in the lookup's mapping.</summary>
    Lookup,
    /// <summary>A watermark is not ahead of the database's own clock.</summary>
    Clock,
}

/// <summary>One check of one mapping's setup, with what to fix when it did not pass.</summary>
public sealed class SetupCheckResult
{
    internal SetupCheckResult() { }

    public required string Mapping { get; init; }
    /// <summary>The connection checked (null for checks of the mapping as a whole).</summary>
    public string? Connection { get; init; }
    public string? Table { get; init; }
    public SetupCheckKind Check { get; init; }
    public SetupCheckStatus Status { get; init; }
    public required string Message { get; init; }
    /// <summary>The values a check lists in full (lookup values not coupled, missing columns), first ones only in the message.</summary>
    public IReadOnlyList<string> Details { get; init; } = Array.Empty<string>();

    public override string ToString() => $"{Mapping} {Check} {Status}: {Message}";
}
