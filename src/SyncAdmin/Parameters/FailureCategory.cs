namespace SyncAdmin.Parameters;

/// <summary>The ErrorCategory values SyncAdmin uses, named exactly as System.Management.Automation.ErrorCategory (a test
/// checks the names against it) so this code stays free of PowerShell types and testable without a host.</summary>
internal enum FailureCategory
{
    NotSpecified,
    ConnectionError,
    InvalidArgument,
    InvalidData,
    InvalidOperation,
    ObjectNotFound,
    OperationStopped,
    ResourceBusy,
    ResourceExists,
    NotImplemented,
    NotInstalled,
    ResourceUnavailable,
    ReadError,
}
