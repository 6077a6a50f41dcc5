using System.Management.Automation;
using SyncAdmin.Engine.Admin;
using SyncAdmin.Parameters;

namespace SyncAdmin.Commands;

/// <summary>Get-SkippedRecord: couplings the engine stopped synchronizing, with the reason, the last error and, per
/// field, the value at the last sync and each side's value now. Takes piped couplings and errors (their record, if it is
/// skipped); a record asked for by key that is not skipped is an error.</summary>
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

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    public string? LocalKey { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    public string? IntegrationKey { get; set; }

    protected override void ProcessRecord()
    {
        var selection = SelectMappings(Name);
        if (selection.IsEmpty) return;
        var keys = RecordKeys.Of(LocalKey, IntegrationKey);
        if (keys.IsEmpty)
        {
            foreach (var record in Engine.Skipped.List(selection.Names)) WriteObject(record);
            return;
        }
        if (selection.Names.Count != 1)
        {
            WriteFailure("Finding a skipped record by key needs exactly one mapping (-Name).", ErrorIds.KeyNeedsOneMapping,
                FailureCategory.InvalidArgument, Name);
            return;
        }
        var found = Engine.Skipped.List(selection.Names, keys.Local, keys.Integration).ToList();
        WriteObject(found, enumerateCollection: true);
        if (found.Count == 0)
            WriteFailure($"{keys.Describe(selection.Names[0])} is not a skipped record.", ErrorIds.SkippedRecordNotFound,
                FailureCategory.ObjectNotFound, keys.Describe(selection.Names[0]));
    }
}
