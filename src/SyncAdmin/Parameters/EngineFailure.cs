using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.State;

namespace SyncAdmin.Parameters;

/// <summary>The ErrorId and category of an exception the engine threw. Failures that mean the same whatever the cmdlet
/// (an unknown mapping, an unreachable database, a bad mapping file, a busy mapping, a store too new) keep their own id;
/// anything else gets the id and category the cmdlet chose for its operation.</summary>
internal sealed record EngineFailure(string ErrorId, FailureCategory Category, string Message)
{
    public static EngineFailure Of(Exception exception, string errorId, FailureCategory category) => exception switch
    {
        MappingNotFoundException e => new(ErrorIds.MappingNotFound, FailureCategory.ObjectNotFound, e.Message),
        DatabaseConnectionException e => new(ErrorIds.DatabaseUnreachable, FailureCategory.ConnectionError, e.Message),
        ConfigurationException e => new(ErrorIds.InvalidConfiguration, FailureCategory.InvalidData, e.Message),
        LeaseHeldException e => new(ErrorIds.MappingBusy, FailureCategory.ResourceBusy, e.Message),
        StoreVersionException e => new(ErrorIds.StoreVersionNotSupported, FailureCategory.InvalidData, e.Message),
        StoreUnavailableException e => new(ErrorIds.StoreUnavailable, FailureCategory.ResourceUnavailable, e.Message),
        _ => new(errorId, category, exception.Message),
    };

    /// <summary>Exceptions a cmdlet reports as one failed item and moves on; anything else is a bug and propagates.</summary>
    public static bool IsExpected(Exception exception) =>
        exception is ArgumentException or InvalidOperationException or ConfigurationException or DatabaseConnectionException
            or LeaseHeldException or StoreVersionException or StoreUnavailableException or MappingNotFoundException or System.Data.Common.DbException
            or IOException or UnauthorizedAccessException;
}
