using System.Management.Automation;
using SyncAdmin.Parameters;

namespace SyncAdmin.Commands;

/// <summary>Remove-SyncError: the seeds' "Delete Entries Older than 7 Days" (-OlderThan 7) and "Delete All Entries"
/// (-All, which asks unless -Force or -Confirm:$false), or the entries piped from Get-SyncError. Skipped records keep
/// their reason: it lives on the coupling, not in the log.</summary>
[Cmdlet(VerbsCommon.Remove, "SyncError", DefaultParameterSetName = IdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(int))]
public sealed class RemoveSyncErrorCommand : SyncStoreCmdlet
{
    private const string IdSet = "Id";
    private const string OlderThanSet = "OlderThan";
    private const string AllSet = "All";
    private readonly List<long> _ids = new();

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    public long[] Id { get; set; } = Array.Empty<long>();

    /// <summary>A time span, or a number of days.</summary>
    [Parameter(Mandatory = true, ParameterSetName = OlderThanSet)]
    [AgeTransformation]
    public TimeSpan OlderThan { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = AllSet)]
    public SwitchParameter All { get; set; }

    [Parameter(ParameterSetName = OlderThanSet)]
    [Parameter(ParameterSetName = AllSet)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(MappingNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    [Parameter(ParameterSetName = AllSet)]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName != IdSet) return;
        foreach (var id in Id)
            if (ShouldProcess($"sync error {id}", "Remove")) _ids.Add(id);
    }

    protected override void EndProcessing()
    {
        ErrorPurge purge;
        if (ParameterSetName == IdSet)
            purge = new ErrorPurge.Ids(_ids.Distinct().ToList());
        else
        {
            var selection = SelectMappings(Name);
            if (selection.IsEmpty) return;
            if (ParameterSetName == OlderThanSet && OlderThan < TimeSpan.Zero)
                Terminate(new ArgumentException("-OlderThan must not be negative."), ErrorIds.InvalidAge, FailureCategory.InvalidArgument, OlderThan);
            purge = ParameterSetName == OlderThanSet
                ? new ErrorPurge.OlderThan(OlderThan, selection.EngineFilter)
                : new ErrorPurge.All(selection.EngineFilter);
            var forced = ParameterSetName == AllSet && ConfirmationRule.BypassesShouldProcess(Force, ConfirmGiven, WhatIfRequested());
            if (!forced && !ShouldProcess(purge.Description, "Remove")) return;
            if (ParameterSetName == AllSet
                && ConfirmationRule.AsksToContinue(Force, ConfirmGiven)
                && !ShouldContinue($"Remove {purge.Description}? Entries that are still relevant are removed too.", "Remove sync errors"))
                return;
        }
        try
        {
            var removed = purge.Apply(Engine);
            WriteVerbose($"Removed {removed} sync error entr{(removed == 1 ? "y" : "ies")}.");
            if (PassThru) WriteObject(removed);
        }
        catch (Exception e) when (EngineFailure.IsExpected(e))
        {
            WriteFailure(e, ErrorIds.ErrorsNotRemoved, FailureCategory.InvalidOperation, purge.Description);
        }
    }
}
