using System.Management.Automation;
using SyncAdmin.Engine.Admin;

namespace SyncAdmin.Commands;

/// <summary>Get-IntegrationMapping: the stored mappings with their status (last job, coupled, failed, skipped, errors).</summary>
[Cmdlet(VerbsCommon.Get, "IntegrationMapping")]
[OutputType(typeof(MappingStatus))]
public sealed class GetIntegrationMappingCommand : SyncStoreCmdlet
{
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(MappingNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        var selection = SelectMappings(Name);
        if (selection.IsEmpty) return;
        var chosen = selection.Names.ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var mapping in Engine.GetMappings())
            if (chosen.Contains(mapping.Name)) WriteObject(mapping);
    }
}
