using System.Management.Automation;
using SyncAdmin.Engine.Admin;

namespace SyncAdmin.Commands;

/// <summary>Get-SkippedRecord: couplings the engine stopped synchronizing, with the reason, the last error and, per
/// field, the value at the last sync and each side's value now.</summary>
[Cmdlet(VerbsCommon.Get, "SkippedRecord")]
[OutputType(typeof(SkippedRecord))]
public sealed class GetSkippedRecordCommand : SyncStoreCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Mapping")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(MappingNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        var selection = SelectMappings(Name);
        if (selection.IsEmpty) return;
        foreach (var record in Engine.Skipped.List(selection.Names)) WriteObject(record);
    }
}
