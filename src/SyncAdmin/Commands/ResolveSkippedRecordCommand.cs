using System.Management.Automation;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;
using SyncAdmin.Parameters;

namespace SyncAdmin.Commands;

/// <summary>Resolve-SkippedRecord: the Skipped Synch. Records page's actions. -Keep Local|Integration synchronizes that
/// side's values now and writes the forced job; -Retry clears the flag for the next run; -Restore recreates a deleted
/// counterpart; -RemoveCoupling uncouples. Takes records piped from Get-SkippedRecord.</summary>
[Cmdlet(VerbsDiagnostic.Resolve, "SkippedRecord", DefaultParameterSetName = KeepSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(SyncJob))]
public sealed class ResolveSkippedRecordCommand : SyncStoreCmdlet
{
    private const string KeepSet = "Keep";
    private const string RetrySet = "Retry";
    private const string RestoreSet = "Restore";
    private const string RemoveCouplingSet = "RemoveCoupling";

    // Kept boxed: a Side field would make PowerShell's scan of the module's types load the engine before OnImport.
    private object? _keep;

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(MappingNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Mapping { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    public string? LocalKey { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    public string? IntegrationKey { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = KeepSet)]
    public Side Keep { get => _keep as Side? ?? default; set => _keep = value; }

    [Parameter(Mandatory = true, ParameterSetName = RetrySet)]
    public SwitchParameter Retry { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = RestoreSet)]
    public SwitchParameter Restore { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = RemoveCouplingSet)]
    public SwitchParameter RemoveCoupling { get; set; }

    protected override void ProcessRecord()
    {
        var keys = RecordKeys.Of(LocalKey, IntegrationKey);
        if (keys.IsEmpty)
        {
            WriteFailure("Give -LocalKey or -IntegrationKey (or pipe records from Get-SkippedRecord).", ErrorIds.RecordKeyMissing,
                FailureCategory.InvalidArgument, Mapping);
            return;
        }
        var resolution = SkippedResolutionChoice.From(_keep as Side?, Retry, Restore, RemoveCoupling);
        var target = keys.Describe(Mapping);
        if (!ShouldProcess(target, SkippedResolutionChoice.Action(resolution))) return;
        try
        {
            var job = Engine.Skipped.Resolve(Mapping, keys.Local, keys.Integration, resolution);
            if (job is not null) WriteObject(job);
        }
        catch (Exception e) when (EngineFailure.IsExpected(e))
        {
            WriteFailure(e, ErrorIds.SkippedRecordNotResolved, FailureCategory.InvalidOperation, target);
        }
    }
}
