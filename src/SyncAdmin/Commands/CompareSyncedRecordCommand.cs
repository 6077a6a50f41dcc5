using System.Management.Automation;
using SyncAdmin.Engine.Admin;
using SyncAdmin.Parameters;

namespace SyncAdmin.Commands;

/// <summary>Compare-SyncedRecord: reconciliation of a mapping. Finds coupled pairs that drifted without a new modified-on
/// (no incremental run sees them), couplings whose record is gone, and uncoupled records with their candidates under
/// matchOn (one, several, none). Streams: couplings and tables are read a page at a time. OneMatch findings pipe into
/// New-Coupling.</summary>
[Cmdlet(VerbsData.Compare, "SyncedRecord")]
[OutputType(typeof(ReconciliationFinding))]
public sealed class CompareSyncedRecordCommand : SyncStoreCmdlet
{
    private readonly CancellationTokenSource _stop = new();

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Mapping")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(MappingNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>Only these kinds; the passes that cannot find them are not made (Drift and CounterpartGone read the
    /// couplings, the match kinds read the tables).</summary>
    [Parameter]
    public ReconciliationKind[]? Kind { get; set; }

    protected override void ProcessRecord()
    {
        var selection = SelectMappings(Name);
        if (selection.IsEmpty) return;
        var kinds = Kind is { Length: > 0 } ? Kind.ToHashSet() : null;
        var scope = kinds is null ? ReconciliationScope.All
            : (kinds.Overlaps(new[] { ReconciliationKind.Drift, ReconciliationKind.CounterpartGone }) ? ReconciliationScope.Couplings : 0)
              | (kinds.Overlaps(new[] { ReconciliationKind.OneMatch, ReconciliationKind.SeveralMatches, ReconciliationKind.NoMatch }) ? ReconciliationScope.Uncoupled : 0);
        foreach (var mapping in selection.Names)
        {
            var progress = new Reporter(this, mapping);
            try
            {
                foreach (var finding in Engine.Reconciliation.Compare(mapping, scope, progress, _stop.Token))
                    if (kinds is null || kinds.Contains(finding.Kind)) WriteObject(finding);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (EngineFailure.IsExpected(e))
            {
                WriteFailure(e, ErrorIds.CompareFailed, FailureCategory.ReadError, mapping);
            }
            WriteProgress(new ProgressRecord(1, $"Compare-SyncedRecord {mapping}", "Done") { RecordType = ProgressRecordType.Completed });
        }
    }

    protected override void StopProcessing() => _stop.Cancel();

    protected override void Release() => _stop.Dispose();

    /// <summary>The engine reports between pages, on the pipeline thread: WriteProgress may be called directly.</summary>
    private sealed class Reporter(CompareSyncedRecordCommand command, string mapping) : IProgress<string>
    {
        public void Report(string value)
        {
            try
            {
                command.WriteProgress(new ProgressRecord(1, $"Compare-SyncedRecord {mapping}", value));
            }
            catch (PipelineStoppedException)
            {
                command._stop.Cancel();
            }
        }
    }
}
