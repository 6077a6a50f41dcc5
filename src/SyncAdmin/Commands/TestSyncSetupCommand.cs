using System.Management.Automation;
using SyncAdmin.Engine.Admin;
using SyncAdmin.Parameters;

namespace SyncAdmin.Commands;

/// <summary>Test-SyncSetup: the setup checks before a run (connections, the file, the account, permissions, a rolled-back
/// write probe, schema, indexes, lookups not coupled, clocks), one result per check with what to fix. -Quiet returns one
/// boolean for a monitor: true when no check failed (warnings allowed). Nothing is written.</summary>
[Cmdlet(VerbsDiagnostic.Test, "SyncSetup")]
[OutputType(typeof(SetupCheckResult))]
[OutputType(typeof(bool))]
public sealed class TestSyncSetupCommand : SyncStoreCmdlet
{
    private bool _failed;

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Mapping")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(MappingNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Only $true (no check failed) or $false.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override void ProcessRecord()
    {
        var selection = SelectMappings(Name);
        if (selection.NotFound.Count > 0) _failed = true;
        if (selection.IsEmpty) return;
        var names = selection.Names;
        for (var i = 0; i < names.Count; i++)
        {
            WriteProgress(new ProgressRecord(1, "Test-SyncSetup", $"Checking mapping {names[i]}") { PercentComplete = 100 * i / names.Count });
            try
            {
                foreach (var result in Engine.Setup.Run(new[] { names[i] }))
                {
                    if (result.Status == SetupCheckStatus.Failed) _failed = true;
                    if (!Quiet) WriteObject(result);
                }
            }
            catch (Exception e) when (EngineFailure.IsExpected(e))
            {
                _failed = true;
                WriteFailure(e, ErrorIds.SetupNotChecked, FailureCategory.InvalidOperation, names[i]);
            }
        }
        WriteProgress(new ProgressRecord(1, "Test-SyncSetup", "Done") { RecordType = ProgressRecordType.Completed });
    }

    protected override void EndProcessing()
    {
        if (Quiet) WriteObject(!_failed);
    }
}
