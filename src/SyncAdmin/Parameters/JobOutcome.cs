using SyncAdmin.Engine.State;

namespace SyncAdmin.Parameters;

/// <summary>What Invoke-RecordSync reports besides the job object: a Failed job is an error (its own ErrorId when the
/// mapping was busy), failed and skipped records are warnings pointing at the cmdlet that shows them.</summary>
internal sealed record JobOutcome(SyncJob Job)
{
    public bool IsFailure => Job.Status == JobStatus.Failed;

    /// <summary>Another run holds the mapping's lease (the engine's LeaseHeldException message).</summary>
    public bool IsBusy => IsFailure && Job.Message?.Contains(" is being synchronized by ", StringComparison.Ordinal) == true;

    public string ErrorId => IsBusy ? ErrorIds.MappingBusy : ErrorIds.SyncJobFailed;

    public FailureCategory Category => IsBusy ? FailureCategory.ResourceBusy : FailureCategory.OperationStopped;

    public string ErrorMessage => $"{Job.Mapping} {Job.Direction} (job {Job.Id}) failed: {Job.Message}";

    public IReadOnlyList<string> Warnings
    {
        get
        {
            var warnings = Job.Warnings.Select(w => $"{Job.Mapping} {Job.Direction}: {w}").ToList();
            if (Job.Status == JobStatus.Cancelled)
                warnings.Add($"{Job.Mapping} {Job.Direction} (job {Job.Id}) was stopped: {Job.Message}");
            if (Job.Failed > 0 && Job.Status != JobStatus.Preview)
                warnings.Add($"{Job.Mapping} {Job.Direction}: {Job.Failed} record(s) failed. See Get-SyncError -JobId {Job.Id}.");
            if (Job.Skipped > 0)
                warnings.Add($"{Job.Mapping} {Job.Direction}: {Job.Skipped} record(s) are skipped until resolved. See Get-SkippedRecord -Name {Job.Mapping}.");
            return warnings;
        }
    }
}
