using System.Management.Automation;
using SyncAdmin.Engine.State;
using SyncAdmin.Parameters;

namespace SyncAdmin.Commands;

/// <summary>Get-Coupling: coupled record pairs of some or all mappings, or the coupling of one record by its key. Takes
/// the record of piped errors and skipped records (Get-SyncError | Get-Coupling); a record asked for by key that has no
/// coupling is an error.</summary>
[Cmdlet(VerbsCommon.Get, "Coupling")]
[OutputType(typeof(Coupling))]
public sealed class GetCouplingCommand : SyncStoreCmdlet
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
        if (!keys.IsEmpty && selection.Names.Count != 1)
        {
            WriteFailure("Finding a coupling by key needs exactly one mapping (-Name).", ErrorIds.KeyNeedsOneMapping,
                FailureCategory.InvalidArgument, Name);
            return;
        }
        foreach (var mapping in selection.Names)
        {
            try
            {
                var found = false;
                foreach (var coupling in Engine.Couplings.List(mapping, keys.Local, keys.Integration))
                {
                    found = true;
                    WriteObject(coupling);
                }
                if (!found && !keys.IsEmpty)
                    WriteFailure($"{keys.Describe(mapping)} is not coupled.", ErrorIds.CouplingNotFound, FailureCategory.ObjectNotFound, keys.Describe(mapping));
            }
            catch (Exception e) when (EngineFailure.IsExpected(e))
            {
                WriteFailure(e, ErrorIds.CouplingNotFound, FailureCategory.ObjectNotFound, mapping);
            }
        }
    }
}
