using System.Management.Automation;
using SyncAdmin.Engine.Admin;
using SyncAdmin.Engine.State;
using SyncAdmin.Parameters;

namespace SyncAdmin.Commands;

/// <summary>New-Coupling: couples an existing local record with an existing integration record (Business Central's
/// "Couple"). The next run treats the pair as changed, so values flow as after a match-based coupling. Findings piped
/// from Compare-SyncedRecord couple their one-to-one matches; other findings are passed over (said with -Verbose).</summary>
// The finding set is the default: PowerShell tries the default set first when it binds a piped object, and a finding
// also has Mapping, LocalKey and IntegrationKey properties that would bind it to the key set (coupling a drifted pair).
[Cmdlet(VerbsCommon.New, "Coupling", DefaultParameterSetName = FindingSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Coupling))]
public sealed class NewCouplingCommand : SyncStoreCmdlet
{
    private const string KeySet = "Key";
    private const string FindingSet = "Finding";

    /// <summary>Findings from Compare-SyncedRecord: the OneMatch ones are coupled.</summary>
    [Parameter(Mandatory = true, ParameterSetName = FindingSet, ValueFromPipeline = true)]
    public ReconciliationFinding[] InputObject { get; set; } = Array.Empty<ReconciliationFinding>();

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = KeySet, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(MappingNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Mapping { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = KeySet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string LocalKey { get; set; } = "";

    [Parameter(Mandatory = true, Position = 2, ParameterSetName = KeySet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string IntegrationKey { get; set; } = "";

    protected override void ProcessRecord()
    {
        if (ParameterSetName == KeySet)
        {
            Couple(Mapping, LocalKey, IntegrationKey);
            return;
        }
        foreach (var finding in InputObject)
        {
            if (finding is { Kind: ReconciliationKind.OneMatch, LocalKey: { } local, IntegrationKey: { } integration })
                Couple(finding.Mapping, local, integration);
            else
                WriteVerbose($"Not coupled ({finding.Kind}, not a one-to-one match): {finding.Message}");
        }
    }

    private void Couple(string mapping, string localKey, string integrationKey)
    {
        var target = RecordKeys.Of(localKey, integrationKey).Describe(mapping);
        if (!ShouldProcess(target, "Couple")) return;
        try
        {
            WriteObject(Engine.Couplings.Couple(mapping, localKey, integrationKey));
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
