using System.Management.Automation;
using SyncAdmin.Engine.Admin;
using SyncAdmin.Parameters;

namespace SyncAdmin.Commands;

/// <summary>Remove-IntegrationMapping: removes stored mappings with their watermarks. A mapping with couplings, errors or
/// jobs takes them with it only when confirmed (-Force, -Confirm, or an answer to the prompt): without its couplings a
/// mapping imported again would insert every record again. Refused while another mapping depends on it or a run holds it.</summary>
[Cmdlet(VerbsCommon.Remove, "IntegrationMapping", DefaultParameterSetName = NameSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MappingStatus))]
public sealed class RemoveIntegrationMappingCommand : SyncStoreCmdlet
{
    private const string NameSet = "Name";
    private const string InputObjectSet = "InputObject";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(MappingNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>Mappings from Get-IntegrationMapping.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    public MappingStatus[] InputObject { get; set; } = Array.Empty<MappingStatus>();

    /// <summary>Removes the mapping's couplings, errors and jobs with it without asking.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Writes each removed mapping as it was.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == InputObjectSet)
        {
            foreach (var mapping in InputObject) Remove(mapping.Name);
            return;
        }
        var selection = SelectMappings(Name);
        foreach (var name in selection.IsEmpty ? Array.Empty<string>() : selection.Names) Remove(name);
    }

    private void Remove(string name)
    {
        try
        {
            var history = Engine.Removal.History(name);
            var target = history.IsEmpty ? $"mapping {history.Mapping}" : $"mapping {history.Mapping} with its {history}";
            if (!ShouldProcess(target, "Remove")) return;
            var confirmed = history.IsEmpty || !ConfirmationRule.AsksToContinue(Force, ConfirmGiven)
                || ShouldContinue($"Remove mapping '{history.Mapping}' with its {history}? Imported again without its couplings, it would " +
                                  "insert every record again.", "Remove integration table mapping");
            if (!confirmed) return;
            var before = PassThru ? Engine.GetMappings().FirstOrDefault(m => m.Name == history.Mapping) : null;
            Engine.Removal.Remove(history.Mapping, withHistory: true);
            WriteVerbose($"Removed mapping {history.Mapping} with its {history}.");
            if (before is not null) WriteObject(before);
        }
        catch (Exception e) when (EngineFailure.IsExpected(e))
        {
            WriteFailure(e, ErrorIds.MappingNotRemoved, FailureCategory.InvalidOperation, name);
        }
    }
}
