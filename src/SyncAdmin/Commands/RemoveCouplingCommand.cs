using System.Management.Automation;
using SyncAdmin.Engine.State;
using SyncAdmin.Parameters;

namespace SyncAdmin.Commands;

/// <summary>Remove-Coupling: uncouples a record (Business Central's "Delete Coupling"); both records stay as they are.
/// Takes couplings piped from Get-Coupling and nothing else (Get-SyncError | Get-Coupling | Remove-Coupling uncouples the
/// record of an error), or one record by -Mapping and a key.</summary>
[Cmdlet(VerbsCommon.Remove, "Coupling", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Coupling))]
public sealed class RemoveCouplingCommand : SyncStoreCmdlet
{
    private const string InputObjectSet = "InputObject";
    private const string KeySet = "Key";

    /// <summary>Couplings from Get-Coupling.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    public Coupling[] InputObject { get; set; } = Array.Empty<Coupling>();

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = KeySet)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(MappingNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Mapping { get; set; } = "";

    [Parameter(ParameterSetName = KeySet)]
    [ValidateNotNullOrEmpty]
    public string? LocalKey { get; set; }

    [Parameter(ParameterSetName = KeySet)]
    [ValidateNotNullOrEmpty]
    public string? IntegrationKey { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == InputObjectSet)
        {
            foreach (var coupling in InputObject) Remove(coupling.Mapping, RecordKeys.Of(coupling.LocalKey, coupling.IntegrationKey));
            return;
        }
        var keys = RecordKeys.Of(LocalKey, IntegrationKey);
        if (keys.IsEmpty)
        {
            WriteFailure("Give -LocalKey or -IntegrationKey (or pipe couplings from Get-Coupling).", ErrorIds.RecordKeyMissing,
                FailureCategory.InvalidArgument, Mapping);
            return;
        }
        Remove(Mapping, keys);
    }

    private void Remove(string mapping, RecordKeys keys)
    {
        var target = keys.Describe(mapping);
        try
        {
            var coupling = Engine.Couplings.List(mapping, keys.Local, keys.Integration).FirstOrDefault();
            if (coupling is null)
            {
                WriteFailure($"{target} is not coupled.", ErrorIds.CouplingNotFound, FailureCategory.ObjectNotFound, target);
                return;
            }
            if (!ShouldProcess(target, "Remove coupling")) return;
            if (!Engine.Couplings.Uncouple(mapping, coupling.LocalKey, coupling.IntegrationKey))
                WriteFailure($"{target} was uncoupled meanwhile.", ErrorIds.CouplingNotChanged, FailureCategory.ObjectNotFound, target);
            else if (PassThru)
                WriteObject(coupling);
        }
        catch (Exception e) when (EngineFailure.IsExpected(e))
        {
            WriteFailure(e, ErrorIds.CouplingNotFound, FailureCategory.ObjectNotFound, target);
        }
    }
}
