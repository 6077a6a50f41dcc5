using System.Management.Automation;
using SyncAdmin.Engine.Admin;
using SyncAdmin.Parameters;

namespace SyncAdmin.Commands;

/// <summary>Get-SyncRecord: the live local and integration rows behind an error, a skipped record, a coupling or a
/// reconciliation finding, side by side, field by field with the value at the last sync (the seeds' Source and
/// Destination links). Takes them from the pipeline by property name (Mapping, LocalKey, IntegrationKey), or a record by
/// -Mapping and a key.</summary>
[Cmdlet(VerbsCommon.Get, "SyncRecord")]
[OutputType(typeof(SyncRecord))]
public sealed class GetSyncRecordCommand : SyncStoreCmdlet
{
    private SyncRecordReader? _reader;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(MappingNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Mapping { get; set; } = "";

    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    public string? LocalKey { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    public string? IntegrationKey { get; set; }

    protected override void ProcessRecord()
    {
        var keys = RecordKeys.Of(LocalKey, IntegrationKey);
        if (keys.IsEmpty)
        {
            WriteFailure($"Give -LocalKey or -IntegrationKey: an entry of mapping '{Mapping}' without a key is about a job, not a record.",
                ErrorIds.RecordKeyMissing, FailureCategory.InvalidArgument, Mapping);
            return;
        }
        try
        {
            _reader ??= Engine.OpenRecordReader();
            WriteObject(_reader.Read(Mapping, keys.Local, keys.Integration));
        }
        catch (Exception e) when (EngineFailure.IsExpected(e))
        {
            WriteFailure(e, ErrorIds.RecordNotRead, e is ArgumentException ? FailureCategory.InvalidArgument : FailureCategory.ReadError,
                keys.Describe(Mapping));
        }
    }

    protected override void Release()
    {
        _reader?.Dispose();
        _reader = null;
    }
}
