using System.Management.Automation;
using SyncAdmin.Engine;
using SyncAdmin.Parameters;

namespace SyncAdmin.Commands;

/// <summary>Base of every cmdlet that works on the store: opens the engine on first use for this one command and closes
/// it when the pipeline ends (no connection is held between commands), and turns engine failures into error records.</summary>
public abstract class SyncStoreCmdlet : PSCmdlet, IDisposable
{
    private SyncEngine? _engine;

    protected SyncEngine Engine => _engine ??= OpenEngine();

    private SyncEngine OpenEngine()
    {
        var connection = SessionStore.Current;
        StoreLocation location;
        try
        {
            location = StoreLocation.Choose(connection?.Location, Environment.GetEnvironmentVariable(StoreLocation.EnvironmentVariable));
            return location.Open(connection?.DatabaseCredentials());
        }
        catch (StoreNotConnectedException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, ErrorIds.StoreNotConnected, ErrorCategory.ResourceUnavailable, null));
            throw; // not reached: ThrowTerminatingError throws
        }
        catch (Exception e) when (EngineFailure.IsExpected(e))
        {
            ThrowTerminatingError(Record(e, ErrorIds.StoreUnavailable, FailureCategory.ResourceUnavailable, null));
            throw;
        }
    }

    /// <summary>One error record for one failed item; the pipeline goes on with the next.</summary>
    private protected void WriteFailure(Exception exception, string errorId, FailureCategory category, object? target) =>
        WriteError(Record(exception, errorId, category, target));

    private protected void WriteFailure(string message, string errorId, FailureCategory category, object? target) =>
        WriteError(Record(new InvalidOperationException(message), errorId, category, target));

    /// <summary>The whole command cannot proceed.</summary>
    private protected void Terminate(Exception exception, string errorId, FailureCategory category, object? target) =>
        ThrowTerminatingError(Record(exception, errorId, category, target));

    private protected static ErrorRecord Record(Exception exception, string errorId, FailureCategory category, object? target)
    {
        var failure = EngineFailure.Of(exception, errorId, category);
        return new ErrorRecord(exception, failure.ErrorId, ToErrorCategory(failure.Category), target);
    }

    private protected static ErrorCategory ToErrorCategory(FailureCategory category) => Enum.Parse<ErrorCategory>(category.ToString());

    /// <summary>-WhatIf given, or $WhatIfPreference set by the caller.</summary>
    private protected bool WhatIfRequested() =>
        MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value)
            ? value is SwitchParameter { IsPresent: true } || LanguagePrimitives.IsTrue(value)
            : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    private protected bool ConfirmGiven => MyInvocation.BoundParameters.ContainsKey("Confirm");

    /// <summary>Reports plain names that match no mapping, one error each (wildcards that match nothing are silent).</summary>
    private protected void WriteNotFound(MappingNameSelection selection)
    {
        foreach (var name in selection.NotFound)
            WriteFailure($"There is no integration table mapping named '{name}'.", ErrorIds.MappingNotFound, FailureCategory.ObjectNotFound, name);
    }

    private protected MappingNameSelection SelectMappings(IReadOnlyList<string>? names)
    {
        var selection = MappingNameSelection.Select(Engine.Store.Mappings.List().Select(m => m.Name), names);
        WriteNotFound(selection);
        return selection;
    }

    /// <summary>Releases what a derived cmdlet holds, before the engine is closed.</summary>
    protected virtual void Release()
    {
    }

    public void Dispose()
    {
        Release();
        _engine?.Dispose();
        _engine = null;
        GC.SuppressFinalize(this);
    }
}
