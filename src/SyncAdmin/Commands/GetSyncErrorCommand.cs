using System.Management.Automation;
using SyncAdmin.Engine.State;
using SyncAdmin.Parameters;

namespace SyncAdmin.Commands;

/// <summary>Get-SyncError: the synchronization error log, newest first. Each entry names its source and destination
/// records. Piping a job (Invoke-RecordSync | Get-SyncError) shows that job's errors.</summary>
[Cmdlet(VerbsCommon.Get, "SyncError")]
[OutputType(typeof(SyncError))]
public sealed class GetSyncErrorCommand : SyncStoreCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Mapping")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(MappingNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    public long JobId { get; set; }

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
        var filter = new ErrorFilter
        {
            JobId = bound.ContainsKey(nameof(JobId)) ? JobId : null,
            After = bound.ContainsKey(nameof(After)) ? After : null,
            Before = bound.ContainsKey(nameof(Before)) ? Before : null,
            Newest = bound.ContainsKey(nameof(Newest)) ? Newest : null,
        };
        foreach (var error in Engine.GetErrors(filter.ToQuery(selection))) WriteObject(error);
    }
}
