using System.Management.Automation;
using SyncAdmin.Engine.Admin;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;
using SyncAdmin.Parameters;

namespace SyncAdmin.Commands;

/// <summary>Get-SyncError: the synchronization error log, newest first. Each entry names its source and destination
/// records. Piped jobs (Invoke-RecordSync | Get-SyncError) show their errors; piped couplings and skipped records show the
/// errors of their record; piped mappings the errors of the mapping. -Summary groups the selected errors by mapping and
/// cause (the message with keys and values taken out) with counts and first and last seen.</summary>
[Cmdlet(VerbsCommon.Get, "SyncError", DefaultParameterSetName = FilterSet)]
[OutputType(typeof(SyncError))]
[OutputType(typeof(SyncErrorSummary))]
public sealed class GetSyncErrorCommand : SyncStoreCmdlet
{
    private readonly List<ErrorQuery> _summarized = new();
    private readonly Chosen _chosen = new();

    /// <summary>Engine enums given as parameters, held outside the cmdlet type: loading an exported type loads the types
    /// of its value-type fields, and the engine is not loadable when PowerShell loads the cmdlets.</summary>
    private sealed class Chosen
    {
        public SyncErrorCategory? Category;
        public SyncDirection? Direction;
    }

    private const string FilterSet = "Filter";
    private const string IdSet = "Id";

    [Parameter(Position = 0, ParameterSetName = FilterSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Mapping")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(MappingNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Entries by their id; an id that is not in the log is an error.</summary>
    [Parameter(Mandatory = true, ParameterSetName = IdSet)]
    public long[] Id { get; set; } = Array.Empty<long>();

    [Parameter(ParameterSetName = FilterSet)]
    public long JobId { get; set; }

    /// <summary>Jobs from Invoke-RecordSync or Get-SyncJob: their errors.</summary>
    [Parameter(ParameterSetName = FilterSet, ValueFromPipeline = true)]
    public SyncJob[]? Job { get; set; }

    [Parameter(ParameterSetName = FilterSet, ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    public string? LocalKey { get; set; }

    [Parameter(ParameterSetName = FilterSet, ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    public string? IntegrationKey { get; set; }

    [Parameter(ParameterSetName = FilterSet)]
    public DateTime After { get; set; }

    [Parameter(ParameterSetName = FilterSet)]
    public DateTime Before { get; set; }

    [Parameter(ParameterSetName = FilterSet)]
    [ValidateRange(1, int.MaxValue)]
    public int Newest { get; set; }

    /// <summary>Record errors (a user fixes the record) or Setup errors (the administrator fixes the integration).</summary>
    [Parameter(ParameterSetName = FilterSet)]
    public SyncErrorCategory Category { get => default; set => _chosen.Category = value; }

    [Parameter(ParameterSetName = FilterSet)]
    [ValidateSet(nameof(SyncDirection.ToIntegrationTable), nameof(SyncDirection.FromIntegrationTable))]
    public SyncDirection Direction { get => default; set => _chosen.Direction = value; }

    /// <summary>Groups instead of entries: one per mapping, category, direction and cause, largest first.</summary>
    [Parameter(ParameterSetName = FilterSet)]
    public SwitchParameter Summary { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == IdSet)
        {
            WriteByIds();
            return;
        }
        var bound = MyInvocation.BoundParameters;
        var keys = RecordKeys.Of(LocalKey, IntegrationKey);
        var names = Job is { Length: > 0 } ? Job.Select(j => j.Mapping).ToArray() : Name;
        var selection = SelectMappings(names);
        if (selection.IsEmpty) return;
        if (!keys.IsEmpty && selection.Names.Count != 1)
        {
            WriteFailure("Finding the errors of a record by its key needs exactly one mapping (-Name).", ErrorIds.KeyNeedsOneMapping,
                FailureCategory.InvalidArgument, Name);
            return;
        }
        var filter = new LogFilter
        {
            After = bound.ContainsKey(nameof(After)) ? After : null,
            Before = bound.ContainsKey(nameof(Before)) ? Before : null,
            Newest = bound.ContainsKey(nameof(Newest)) ? Newest : null,
            Keys = keys,
            Category = _chosen.Category,
            Direction = _chosen.Direction,
        };
        if (Job is { Length: > 0 })
            foreach (var job in Job) Write(filter with { JobId = job.Id }, selection);
        else Write(filter with { JobId = bound.ContainsKey(nameof(JobId)) ? JobId : null }, selection);
    }

    private void Write(LogFilter filter, MappingNameSelection selection)
    {
        if (Summary) _summarized.Add(filter.ToErrorQuery(selection));
        else foreach (var error in Engine.GetErrors(filter.ToErrorQuery(selection))) WriteObject(error);
    }

    /// <summary>Errors of every piped job or mapping are grouped together, so a cause shows once with its whole count.</summary>
    protected override void EndProcessing()
    {
        if (!Summary || _summarized.Count == 0) return;
        var errors = _summarized.Count == 1 ? Engine.GetErrors(_summarized[0]) : _summarized.SelectMany(Engine.GetErrors).DistinctBy(e => e.Id);
        WriteObject(ErrorSummaries.Of(errors), enumerateCollection: true);
    }

    private void WriteByIds()
    {
        var found = new HashSet<long>();
        foreach (var error in Engine.GetErrors(new LogFilter { Ids = Id.Distinct().ToList() }.ToErrorQuery(MappingNameSelection.Everything)))
        {
            found.Add(error.Id);
            WriteObject(error);
        }
        foreach (var missing in Id.Distinct().Where(i => !found.Contains(i)))
            WriteFailure($"There is no sync error with id {missing}.", ErrorIds.SyncErrorNotFound, FailureCategory.ObjectNotFound, missing);
    }
}
