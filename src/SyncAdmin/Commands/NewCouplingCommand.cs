using System.Management.Automation;
using SyncAdmin.Engine.State;
using SyncAdmin.Parameters;

namespace SyncAdmin.Commands;

/// <summary>New-Coupling: couples an existing local record with an existing integration record (Business Central's
/// "Couple"). The next run treats the pair as changed, so values flow as after a match-based coupling.</summary>
[Cmdlet(VerbsCommon.New, "Coupling", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Coupling))]
public sealed class NewCouplingCommand : SyncStoreCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(MappingNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Mapping { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string LocalKey { get; set; } = "";

    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string IntegrationKey { get; set; } = "";

    protected override void ProcessRecord()
    {
        var target = RecordKeys.Of(LocalKey, IntegrationKey).Describe(Mapping);
        if (!ShouldProcess(target, "Couple")) return;
        try
        {
            WriteObject(Engine.Couplings.Couple(Mapping, LocalKey, IntegrationKey));
        }
        catch (ArgumentException e)
        {
            WriteFailure(e, ErrorIds.RecordNotFound, FailureCategory.ObjectNotFound, target);
        }
        catch (Exception e) when (EngineFailure.IsExpected(e))
        {
            WriteFailure(e, ErrorIds.RecordAlreadyCoupled, FailureCategory.ResourceExists, target);
        }
    }
}
