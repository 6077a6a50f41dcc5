using System.Management.Automation;
using SyncAdmin.Engine.State;
using SyncAdmin.Parameters;

namespace SyncAdmin.Commands;

/// <summary>Get-SyncJob: job history, newest first, with Business Central's counters.</summary>
[Cmdlet(VerbsCommon.Get, "SyncJob")]
[OutputType(typeof(SyncJob))]
public sealed class GetSyncJobCommand : SyncStoreCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Mapping")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(MappingNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    [Parameter]
    public long Id { get; set; }

    [Parameter]
    public DateTime After { get; set; }

    [Parameter]
    public DateTime Before { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Newest { get; set; }

    protected override void ProcessRecord()
    {
        var selection = SelectMappings(Name);
        if (selection.IsEmpty) return;
        var bound = MyInvocation.BoundParameters;
        var filter = new JobFilter
        {
            Id = bound.ContainsKey(nameof(Id)) ? Id : null,
            After = bound.ContainsKey(nameof(After)) ? After : null,
            Before = bound.ContainsKey(nameof(Before)) ? Before : null,
            Newest = bound.ContainsKey(nameof(Newest)) ? Newest : null,
        };
        WriteObject(Engine.GetJobs(filter.ToQuery(selection)), enumerateCollection: true);
    }
}
