using System.Management.Automation;
using SyncAdmin.Engine.State;
using SyncAdmin.Parameters;

namespace SyncAdmin.Commands;

/// <summary>Get-Coupling: coupled record pairs of some or all mappings, or the coupling of one record by its key.</summary>
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

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? LocalKey { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
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
                foreach (var coupling in Engine.Couplings.List(mapping, keys.Local, keys.Integration)) WriteObject(coupling);
            }
            catch (Exception e) when (EngineFailure.IsExpected(e))
            {
                WriteFailure(e, ErrorIds.CouplingNotFound, FailureCategory.ObjectNotFound, mapping);
            }
        }
    }
}
