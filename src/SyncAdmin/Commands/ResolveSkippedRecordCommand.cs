using System.Management.Automation;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;
using SyncAdmin.Parameters;

namespace SyncAdmin.Commands;

/// <summary>Resolve-SkippedRecord: the Skipped Synch. Records page's actions. -Keep Local|Integration synchronizes that
/// side's values now and writes the forced job; -Retry clears the flag for the next run; -Restore recreates a deleted
/// counterpart; -RemoveCoupling uncouples. Takes skipped records, couplings and sync errors from the pipeline (the record
/// each names; several errors of one record resolve it once), and nothing else; or one record by -Mapping and a key.</summary>
[Cmdlet(VerbsDiagnostic.Resolve, "SkippedRecord", DefaultParameterSetName = KeepSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(SyncJob), typeof(Coupling))]
public sealed class ResolveSkippedRecordCommand : SyncStoreCmdlet
{
    private const string KeepSet = "Keep";
    private const string RetrySet = "Retry";
    private const string RestoreSet = "Restore";
    private const string RemoveCouplingSet = "RemoveCoupling";
    private readonly HashSet<string> _resolved = new(StringComparer.OrdinalIgnoreCase);

    // Kept boxed: a Side field would make PowerShell's scan of the module's types load the engine before OnImport.
    private object? _keep;

    /// <summary>Skipped records (Get-SkippedRecord), couplings (Get-Coupling) or sync errors (Get-SyncError).</summary>
    [Parameter(ValueFromPipeline = true)]
    public IRecordPair[]? InputObject { get; set; }

    [Parameter]
    [Alias("Name")]
    [ArgumentCompleter(typeof(MappingNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Mapping { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? LocalKey { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? IntegrationKey { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = KeepSet)]
    public Side Keep { get => _keep as Side? ?? default; set => _keep = value; }

    [Parameter(Mandatory = true, ParameterSetName = RetrySet)]
    public SwitchParameter Retry { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = RestoreSet)]
    public SwitchParameter Restore { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = RemoveCouplingSet)]
    public SwitchParameter RemoveCoupling { get; set; }

    /// <summary>Writes the coupling as it stands after the action (instead of the forced job of -Keep and -Restore).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (InputObject is not null)
        {
            if (Mapping is not null || LocalKey is not null || IntegrationKey is not null)
                Terminate(new ArgumentException("Pipe records or give -Mapping with a key, not both."), ErrorIds.RecordKeyMissing,
                    FailureCategory.InvalidArgument, Mapping);
            foreach (var record in InputObject) Resolve(record.Mapping, RecordKeys.Of(record.LocalKey, record.IntegrationKey));
            return;
        }
        var keys = RecordKeys.Of(LocalKey, IntegrationKey);
        if (Mapping is null || keys.IsEmpty)
        {
            WriteFailure("Give -Mapping with -LocalKey or -IntegrationKey (or pipe records from Get-SkippedRecord, Get-Coupling or Get-SyncError).",
                ErrorIds.RecordKeyMissing, FailureCategory.InvalidArgument, Mapping);
            return;
        }
        Resolve(Mapping, keys);
    }

    private void Resolve(string mapping, RecordKeys keys)
    {
        var target = keys.Describe(mapping);
        if (keys.IsEmpty)
        {
            WriteFailure($"{mapping}: the piped entry names no record (a job's own failure?).", ErrorIds.RecordKeyMissing,
                FailureCategory.InvalidArgument, mapping);
            return;
        }
        // Several errors of one record arrive one after another: the record is resolved once.
        if (!_resolved.Add($"{mapping}\n{keys.Local}\n{keys.Integration}")) return;
        var resolution = SkippedResolutionChoice.From(_keep as Side?, Retry, Restore, RemoveCoupling);
        if (!ShouldProcess(target, SkippedResolutionChoice.Action(resolution))) return;
        try
        {
            var result = Engine.Skipped.Resolve(mapping, keys.Local, keys.Integration, resolution);
            if (PassThru) WriteObject(result.Coupling);
            else if (result.Job is not null) WriteObject(result.Job);
        }
        catch (Exception e) when (EngineFailure.IsExpected(e))
        {
            WriteFailure(e, ErrorIds.SkippedRecordNotResolved, FailureCategory.InvalidOperation, target);
        }
    }
}
