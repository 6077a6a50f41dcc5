using System.Management.Automation;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Sync;
using SyncAdmin.Parameters;

namespace SyncAdmin.Commands;

/// <summary>Invoke-RecordSync: runs mappings in dependsOn order, one job per pass, with a progress bar. -Key forces chosen
/// records across (Business Central's manual Synchronize). -WhatIf is a dry run: preview jobs, nothing written anywhere.
/// Ctrl+C stops between two pages; the job ends Cancelled and the watermark does not move past unread records.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "RecordSync", DefaultParameterSetName = MappingsSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(SyncJob))]
public sealed class InvokeRecordSyncCommand : SyncStoreCmdlet
{
    private const string MappingsSet = "Mappings";
    private const string KeySet = "Key";
    private const int ProgressId = 1;
    private readonly List<string> _names = new();
    private readonly CancellationTokenSource _stop = new();

    // Engine enums are kept boxed: a SyncDirection field would make PowerShell's scan of the module's types (which runs
    // before OnImport hooks the module's load context) load the engine. Null also means "not given".
    private object? _direction;

    // Only the mappings set takes names from the pipeline: were the -Key set to take them too, PowerShell would choose it
    // for piped mappings and ask for -Key.
    [Parameter(Position = 0, ParameterSetName = MappingsSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = KeySet)]
    [Alias("Mapping")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(MappingNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = KeySet)]
    [ValidateNotNullOrEmpty]
    public string[] Key { get; set; } = Array.Empty<string>();

    [Parameter]
    public SyncDirection Direction { get => _direction as SyncDirection? ?? default; set => _direction = value; }

    [Parameter(ParameterSetName = MappingsSet)]
    public SwitchParameter Full { get; set; }

    [Parameter]
    public SwitchParameter Wait { get; set; }

    [Parameter]
    public TimeSpan WaitTimeout { get; set; } = SyncRunOptions.DefaultWait;

    /// <summary>Names arrive one pipeline object at a time; they run together at the end so dependsOn order holds.</summary>
    protected override void ProcessRecord()
    {
        if (Name is not null) _names.AddRange(Name);
    }

    protected override void EndProcessing()
    {
        var selection = SelectMappings(_names.Count == 0 ? null : _names);
        if (selection.IsEmpty) return;
        var options = new SyncRunOptions
        {
            Direction = _direction as SyncDirection?,
            Keys = ParameterSetName == KeySet ? Key : null,
            Full = Full,
            Wait = Wait,
            WaitTimeout = MyInvocation.BoundParameters.ContainsKey(nameof(WaitTimeout)) ? WaitTimeout : null,
        };
        if (options.Problem(selection.Names) is { } problem)
            Terminate(new ArgumentException(problem), ErrorIds.KeyNeedsOneMapping, FailureCategory.InvalidArgument, _names);

        var directions = Engine.Store.Mappings.List().GroupBy(m => m.Name, MappingStore.Names)
            .ToDictionary(g => g.Key, g => g.First().Definition.Direction, MappingStore.Names);
        var confirmed = new List<string>();
        var previewed = new List<string>();
        foreach (var mapping in selection.Names)
        {
            if (options.Blocked(mapping, directions[mapping]) is { } blocked)
            {
                WriteFailure(blocked, ErrorIds.InvalidSyncRequest, FailureCategory.InvalidArgument, mapping);
                continue;
            }
            var action = options.Keys is null ? "Synchronize" : $"Synchronize records {string.Join(", ", options.Keys)}";
            if (ShouldProcess($"{action} mapping {mapping}.", $"{action} mapping {mapping}?", "Invoke-RecordSync", out var reason))
                confirmed.Add(mapping);
            else if (reason == ShouldProcessReason.WhatIf)
                previewed.Add(mapping);
        }
        if (previewed.Count > 0) Run(options.ToRunRequest(previewed, preview: true));
        if (confirmed.Count > 0) Run(options.ToRunRequest(confirmed, preview: false));
    }

    private void Run(RunRequest request)
    {
        var progress = new ProgressRelay(this);
        try
        {
            foreach (var job in Engine.Run(request, progress.Reports, _stop.Token))
            {
                progress.Complete();
                WriteObject(job);
                var outcome = new JobOutcome(job);
                if (outcome.IsFailure)
                    WriteError(new ErrorRecord(new InvalidOperationException(outcome.ErrorMessage), outcome.ErrorId,
                        ToErrorCategory(outcome.Category), job));
                foreach (var warning in outcome.Warnings) WriteWarning(warning);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Ctrl+C while waiting for a lease: nothing started.
        }
        catch (Exception e) when (EngineFailure.IsExpected(e))
        {
            Terminate(e, ErrorIds.InvalidSyncRequest, FailureCategory.InvalidArgument, request.Mappings);
        }
        finally
        {
            progress.Complete();
        }
    }

    protected override void StopProcessing() => _stop.Cancel();

    protected override void Release() => _stop.Dispose();

    /// <summary>The progress bar of one run. The engine reports on the pipeline thread, the only thread that may call
    /// WriteProgress (System.Progress would post to another).</summary>
    private sealed class ProgressRelay
    {
        private readonly InvokeRecordSyncCommand _cmdlet;
        private ProgressRecord? _record;

        public ProgressRelay(InvokeRecordSyncCommand cmdlet)
        {
            _cmdlet = cmdlet;
            Reports = new ProgressForwarder(Show, e => e is PipelineStoppedException, cmdlet._stop);
        }

        public IProgress<SyncProgress> Reports { get; }

        private void Show(SyncProgress value)
        {
            if (value.Note is not null) _cmdlet.WriteVerbose($"{value.Mapping} {value.Direction}: {value.Note}");
            if (!value.IsPageReport) return;
            _record = new ProgressRecord(ProgressId, ProgressText.Activity(value), ProgressText.Status(value))
            {
                CurrentOperation = ProgressText.Operation(value),
            };
            _cmdlet.WriteProgress(_record);
        }

        public void Complete()
        {
            if (_record is null) return;
            _record.RecordType = ProgressRecordType.Completed;
            try
            {
                _cmdlet.WriteProgress(_record);
            }
            catch (PipelineStoppedException)
            {
                // Stopping: the bar goes with the pipeline.
            }
            _record = null;
        }
    }
}
