using System.Management.Automation;
using SyncAdmin.Engine.State;
using SyncAdmin.Parameters;

namespace SyncAdmin.Commands;

/// <summary>Get-SyncJob: job history, newest first, with Business Central's counters. A job asked for by id that does not
/// exist is an error, as Get-Item's missing path is.</summary>
[Cmdlet(VerbsCommon.Get, "SyncJob", DefaultParameterSetName = FilterSet)]
[OutputType(typeof(SyncJob))]
public sealed class GetSyncJobCommand : SyncStoreCmdlet
{
    private const string FilterSet = "Filter";
    private const string IdSet = "Id";

    [Parameter(Position = 0, ParameterSetName = FilterSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Mapping")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(MappingNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = IdSet)]
    public long[] Id { get; set; } = Array.Empty<long>();

    [Parameter(ParameterSetName = FilterSet)]
    public DateTime After { get; set; }

    [Parameter(ParameterSetName = FilterSet)]
    public DateTime Before { get; set; }

    [Parameter(ParameterSetName = FilterSet)]
    [ValidateRange(1, int.MaxValue)]
    public int Newest { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == IdSet)
        {
            var ids = Id.Distinct().ToList();
            var jobs = Engine.GetJobs(new LogFilter { Ids = ids }.ToJobQuery(MappingNameSelection.Everything));
            WriteObject(jobs, enumerateCollection: true);
            foreach (var missing in ids.Where(i => jobs.All(j => j.Id != i)))
                WriteFailure($"There is no sync job with id {missing}.", ErrorIds.SyncJobNotFound, FailureCategory.ObjectNotFound, missing);
            return;
        }
        var selection = SelectMappings(Name);
        if (selection.IsEmpty) return;
        var bound = MyInvocation.BoundParameters;
        var filter = new LogFilter
        {
            After = bound.ContainsKey(nameof(After)) ? After : null,
            Before = bound.ContainsKey(nameof(Before)) ? Before : null,
            Newest = bound.ContainsKey(nameof(Newest)) ? Newest : null,
        };
        WriteObject(Engine.GetJobs(filter.ToJobQuery(selection)), enumerateCollection: true);
    }
}
