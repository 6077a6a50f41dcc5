namespace SyncAdmin.Engine.Configuration;

/// <summary>Which way records flow, for a whole mapping or one field (Business Central's names).</summary>
public enum SyncDirection
{
    ToIntegrationTable,
    FromIntegrationTable,
    Bidirectional,
}

/// <summary>What happens when both sides of a coupled record changed since the last sync.</summary>
public enum UpdateConflictResolution
{
    None,
    SendUpdateToIntegration,
    GetUpdateFromIntegration,
}

/// <summary>What happens when a coupled record's counterpart no longer exists.</summary>
public enum DeletionConflictResolution
{
    None,
    RestoreRecords,
    RemoveCoupling,
    DeleteRecord,
}

public enum ProviderKind
{
    Sqlite,
    SqlServer,
}

/// <summary>The two sides of a mapping.</summary>
public enum Side
{
    Local,
    Integration,
}

public static class DirectionFacts
{
    /// <summary>True when a mapping or field with direction <paramref name="allowed"/> lets records flow in <paramref name="pass"/>.</summary>
    public static bool Permits(this SyncDirection allowed, SyncDirection pass) =>
        allowed == SyncDirection.Bidirectional || allowed == pass;

    public static Side SourceSide(this SyncDirection pass) =>
        pass switch
        {
            SyncDirection.ToIntegrationTable => Side.Local,
            SyncDirection.FromIntegrationTable => Side.Integration,
            _ => throw new ArgumentException("A pass has one direction, not Bidirectional.", nameof(pass)),
        };

    public static Side Other(this Side side) => side == Side.Local ? Side.Integration : Side.Local;
}
