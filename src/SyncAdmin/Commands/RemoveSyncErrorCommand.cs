using System.Management.Automation;
using SyncAdmin.Engine.State;
using SyncAdmin.Parameters;

namespace SyncAdmin.Commands;

/// <summary>Remove-SyncError: the seeds' "Delete Entries Older than 7 Days" (-OlderThan 7) and "Delete All Entries"
/// (-All, which asks unless -Force or -Confirm:$false), the entries piped from Get-SyncError (and nothing else: a piped
/// job or coupling has an Id too, and must never be taken for an error's), or entries by -Id. Skipped records keep their
/// reason: it lives on the coupling, not in the log.</summary>
[Cmdlet(VerbsCommon.Remove, "SyncError", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(int))]
public sealed class RemoveSyncErrorCommand : SyncStoreCmdlet
{
    private const string InputObjectSet = "InputObject";
    private const string IdSet = "Id";
    private const string OlderThanSet = "OlderThan";
    private const string AllSet = "All";
    private readonly List<long> _ids = new();

    /// <summary>Entries from Get-SyncError.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    public SyncError[] InputObject { get; set; } = Array.Empty<SyncError>();

    /// <summary>Entries by id, given explicitly; an id that is not in the log is an error.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
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
        if (ParameterSetName == InputObjectSet)
            foreach (var error in InputObject)
                if (ShouldProcess($"sync error {error.Id} ({error.Mapping} {error.Source}: {error.Message})", "Remove")) _ids.Add(error.Id);
        if (ParameterSetName == IdSet)
            foreach (var id in ExistingIds())
                if (ShouldProcess($"sync error {id}", "Remove")) _ids.Add(id);
    }

    /// <summary>The given ids that are in the log; each missing one is an error, as Remove-Item's missing path is.</summary>
    private IEnumerable<long> ExistingIds()
    {
        var ids = Id.Distinct().ToList();
        var existing = Engine.GetErrors(new LogFilter { Ids = ids }.ToErrorQuery(MappingNameSelection.Everything)).Select(e => e.Id).ToHashSet();
        foreach (var missing in ids.Where(i => !existing.Contains(i)))
            WriteFailure($"There is no sync error with id {missing}.", ErrorIds.SyncErrorNotFound, FailureCategory.ObjectNotFound, missing);
        return ids.Where(existing.Contains);
    }

    protected override void EndProcessing()
    {
        ErrorPurge purge;
        if (ParameterSetName is IdSet or InputObjectSet)
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
