namespace SyncAdmin.Parameters;

/// <summary>The FullyQualifiedErrorId prefixes SyncAdmin writes. They are an interface: runbooks catch on them, so an id
/// is never renamed or reused for another failure.</summary>
internal static class ErrorIds
{
    public const string StoreNotConnected = "StoreNotConnected";
    public const string StoreVersionNotSupported = "StoreVersionNotSupported";
    public const string StoreUnavailable = "StoreUnavailable";
    public const string StoreNotFound = "StoreNotFound";
    public const string InvalidCredential = "InvalidConnectionCredential";
    public const string MappingNotFound = "MappingNotFound";
    public const string MappingFileNotFound = "MappingFileNotFound";
    public const string InvalidConfiguration = "InvalidMappingConfiguration";
    public const string NoSettingGiven = "NoMappingSettingGiven";
    public const string DatabaseUnreachable = "DatabaseUnreachable";
    public const string MappingBusy = "MappingBusy";
    public const string InvalidSyncRequest = "InvalidSyncRequest";
    public const string SyncJobFailed = "SyncJobFailed";
    public const string InvalidAge = "InvalidErrorAge";
    public const string ErrorsNotRemoved = "SyncErrorsNotRemoved";
    public const string SkippedRecordNotResolved = "SkippedRecordNotResolved";
    public const string RecordKeyMissing = "RecordKeyMissing";
    public const string RecordNotFound = "RecordNotFound";
    public const string RecordAlreadyCoupled = "RecordAlreadyCoupled";
    public const string CouplingNotFound = "CouplingNotFound";
    public const string CouplingNotChanged = "CouplingNotChanged";
    public const string KeyNeedsOneMapping = "KeyNeedsOneMapping";
    public const string SyncErrorNotFound = "SyncErrorNotFound";
    public const string SyncJobNotFound = "SyncJobNotFound";
    public const string SkippedRecordNotFound = "SkippedRecordNotFound";
    public const string MappingNotRemoved = "MappingNotRemoved";
    public const string SetupNotChecked = "SyncSetupNotChecked";
    public const string RecordNotRead = "SyncRecordNotRead";
    public const string WatermarkNotMoved = "WatermarkNotMoved";
    public const string JobsNotRemoved = "SyncJobsNotRemoved";
    public const string CompareFailed = "SyncedRecordsNotCompared";
    public const string Unexpected = "SyncAdminFailure";
}
