using System.Management.Automation;
using SyncAdmin.Engine.State;
using SyncAdmin.Parameters;

namespace SyncAdmin.Commands;

/// <summary>Remove-Coupling: uncouples a record (Business Central's "Delete Coupling"); both records stay as they are.
/// Takes couplings piped from Get-Coupling.</summary>
[Cmdlet(VerbsCommon.Remove, "Coupling", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Coupling))]
public sealed class RemoveCouplingCommand : SyncStoreCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(MappingNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Mapping { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    public string? LocalKey { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    public string? IntegrationKey { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var keys = RecordKeys.Of(LocalKey, IntegrationKey);
        if (keys.IsEmpty)
        {
            WriteFailure("Give -LocalKey or -IntegrationKey (or pipe couplings from Get-Coupling).", ErrorIds.RecordKeyMissing,
                FailureCategory.InvalidArgument, Mapping);
            return;
        }
        var target = keys.Describe(Mapping);
        try
        {
            var coupling = Engine.Couplings.List(Mapping, keys.Local, keys.Integration).FirstOrDefault();
            if (coupling is null)
            {
                WriteFailure($"{target} is not coupled.", ErrorIds.CouplingNotFound, FailureCategory.ObjectNotFound, target);
                return;
            }
            if (!ShouldProcess(target, "Remove coupling")) return;
            if (!Engine.Couplings.Uncouple(Mapping, coupling.LocalKey, coupling.IntegrationKey))
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
