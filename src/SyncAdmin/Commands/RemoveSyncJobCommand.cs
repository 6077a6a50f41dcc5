using System.Management.Automation;
using SyncAdmin.Engine.State;
using SyncAdmin.Parameters;

namespace SyncAdmin.Commands;

/// <summary>Remove-SyncJob: cleans the job history, as Business Central cleans its job log. -OlderThan 30 removes finished
/// jobs started more than 30 days ago; piped jobs (Get-SyncJob | Remove-SyncJob) or -Id remove those. A job that an error
/// still in the log, a skipped record or an unfinished write refers to stays (with a warning) unless -Force; a running
/// job always stays.</summary>
[Cmdlet(VerbsCommon.Remove, "SyncJob", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(int))]
public sealed class RemoveSyncJobCommand : SyncStoreCmdlet
{
    private const string InputObjectSet = "InputObject";
    private const string IdSet = "Id";
    private const string OlderThanSet = "OlderThan";
    private readonly List<long> _ids = new();

    /// <summary>Jobs from Get-SyncJob or Invoke-RecordSync.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    public SyncJob[] InputObject { get; set; } = Array.Empty<SyncJob>();

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
    public long[] Id { get; set; } = Array.Empty<long>();

    /// <summary>A time span, or a number of days.</summary>
    [Parameter(Mandatory = true, ParameterSetName = OlderThanSet)]
    [AgeTransformation]
    public TimeSpan OlderThan { get; set; }

    [Parameter(ParameterSetName = OlderThanSet)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(MappingNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Also remove jobs that errors, skipped records or unfinished writes still refer to (their reasons stay on
    /// the errors and couplings themselves).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == InputObjectSet)
            foreach (var job in InputObject)
                if (ShouldProcess($"sync job {job.Id} ({job.Mapping} {job.Direction}, {job.Status}, started {job.StartedAt.ToLocalTime():yyyy-MM-dd HH:mm})", "Remove"))
                    _ids.Add(job.Id);
        if (ParameterSetName == IdSet)
        {
            var ids = Id.Distinct().ToList();
            var existing = Engine.GetJobs(new LogFilter { Ids = ids }.ToJobQuery(MappingNameSelection.Everything)).Select(j => j.Id).ToHashSet();
            foreach (var missing in ids.Where(i => !existing.Contains(i)))
                WriteFailure($"There is no sync job with id {missing}.", ErrorIds.SyncJobNotFound, FailureCategory.ObjectNotFound, missing);
            foreach (var id in ids.Where(existing.Contains))
                if (ShouldProcess($"sync job {id}", "Remove")) _ids.Add(id);
        }
    }

    protected override void EndProcessing()
    {
        JobPurge purge;
        var description = ParameterSetName == OlderThanSet ? $"sync jobs started more than {OlderThan.TotalDays:0.##} day(s) ago" : $"{_ids.Count} sync job(s)";
        try
        {
            if (ParameterSetName == OlderThanSet)
            {
                if (OlderThan < TimeSpan.Zero)
                    Terminate(new ArgumentException("-OlderThan must not be negative."), ErrorIds.InvalidAge, FailureCategory.InvalidArgument, OlderThan);
                var selection = SelectMappings(Name);
                if (selection.IsEmpty) return;
                if (selection.Names.Count > 0 && !selection.All) description += $" of {string.Join(", ", selection.Names)}";
                if (!ShouldProcess(description, "Remove")) return;
                purge = Engine.RemoveJobsOlderThan(OlderThan, selection.EngineFilter, Force);
            }
            else
            {
                if (_ids.Count == 0) return;
                purge = Engine.RemoveJobs(_ids.Distinct().ToList(), Force);
            }
        }
        catch (Exception e) when (EngineFailure.IsExpected(e))
        {
            WriteFailure(e, ErrorIds.JobsNotRemoved, FailureCategory.InvalidOperation, description);
            return;
        }
        WriteVerbose($"Removed {purge.Removed} sync job(s).");
        if (purge.KeptReferenced > 0)
            WriteWarning($"Kept {purge.KeptReferenced} job(s) that errors in the log, skipped records or unfinished writes still refer to; " +
                         "-Force removes them too.");
        if (PassThru) WriteObject(purge.Removed);
    }
}
