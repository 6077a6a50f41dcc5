using System.Management.Automation;
using SyncAdmin.Engine.Admin;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Parameters;

namespace SyncAdmin.Commands;

/// <summary>Set-IntegrationMapping: imports mapping YAML files (validated whole, stored whole), changes settings of one
/// stored mapping, or moves its watermarks (Business Central's "Synch. Modified On Filter" and "Synch. Int. Tbl. Mod. On
/// Fltr."). -WhatIf validates and shows what would change; for a watermark, how many records the next run would read.</summary>
[Cmdlet(VerbsCommon.Set, "IntegrationMapping", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MappingChange))]
[OutputType(typeof(WatermarkChange))]
public sealed class SetIntegrationMappingCommand : SyncStoreCmdlet
{
    private const string PathSet = "Path";
    private const string NameSet = "Name";
    private MappingSettings _settings = new(); // each setting's setter runs only when its parameter is bound

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = NameSet)]
    [ArgumentCompleter(typeof(MappingNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    [Parameter(ParameterSetName = NameSet)]
    public SyncDirection Direction { get => default; set => _settings = _settings with { Direction = value }; }

    [Parameter(ParameterSetName = NameSet)]
    public UpdateConflictResolution UpdateConflictResolution
    {
        get => default;
        set => _settings = _settings with { UpdateConflictResolution = value };
    }

    [Parameter(ParameterSetName = NameSet)]
    public DeletionConflictResolution DeletionConflictResolution
    {
        get => default;
        set => _settings = _settings with { DeletionConflictResolution = value };
    }

    [Parameter(ParameterSetName = NameSet)]
    public bool SyncOnlyCoupledRecords { get => default; set => _settings = _settings with { SyncOnlyCoupledRecords = value }; }

    [Parameter(ParameterSetName = NameSet)]
    public bool FieldLevelMerge { get => default; set => _settings = _settings with { FieldLevelMerge = value }; }

    [Parameter(ParameterSetName = NameSet)]
    [ValidateRange(0, 100)]
    public int SkipAfterRepeatedFailures { get => default; set => _settings = _settings with { SkipAfterRepeatedFailures = value }; }

    [Parameter(ParameterSetName = NameSet)]
    [ValidateRange(1, 100000)]
    public int BatchSize { get => default; set => _settings = _settings with { BatchSize = value }; }

    [Parameter(ParameterSetName = NameSet)]
    [AllowEmptyCollection]
    public string[] DependsOn { get => Array.Empty<string>(); set => _settings = _settings with { DependsOn = value }; }

    /// <summary>The local side's watermark: the next run reads local records modified since then (minus the overlap).
    /// A time without a zone is local time.</summary>
    [Parameter(ParameterSetName = NameSet)]
    public DateTime LocalWatermark { get; set; }

    [Parameter(ParameterSetName = NameSet)]
    public DateTime IntegrationWatermark { get; set; }

    /// <summary>Clears both watermarks: the next run reads every record of both sides (as a first run, but coupled
    /// records are compared, not inserted again).</summary>
    [Parameter(ParameterSetName = NameSet)]
    public SwitchParameter ResetWatermark { get; set; }

    /// <summary>Also check the file's mappings against the live tables before anything is stored.</summary>
    [Parameter(ParameterSetName = PathSet)]
    public SwitchParameter ValidateSchema { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == NameSet) ChangeSettings();
        else foreach (var path in Path) Import(path);
    }

    private void Import(string path)
    {
        IEnumerable<string> files;
        try
        {
            files = SessionState.Path.GetResolvedProviderPathFromPSPath(path, out _);
        }
        catch (Exception e) when (e is ItemNotFoundException or System.Management.Automation.DriveNotFoundException or ProviderNotFoundException)
        {
            WriteFailure(e, ErrorIds.MappingFileNotFound, FailureCategory.ObjectNotFound, path);
            return;
        }
        foreach (var file in files)
        {
            try
            {
                var changes = Engine.ImportMappings(file, validateOnly: true, checkSchema: ValidateSchema);
                var summary = string.Join(", ", changes.Select(c => $"{c.Name} ({c.Change})"));
                if (!ShouldProcess(file, $"Import integration table mappings {summary}")) continue;
                changes = Engine.ImportMappings(file);
                if (PassThru) WriteObject(changes, enumerateCollection: true);
            }
            catch (Exception e) when (EngineFailure.IsExpected(e))
            {
                WriteFailure(e, ErrorIds.InvalidConfiguration, FailureCategory.InvalidData, file);
            }
        }
    }

    private void ChangeSettings()
    {
        var settings = _settings;
        var bound = MyInvocation.BoundParameters;
        var watermarks = new WatermarkRequest
        {
            Local = bound.ContainsKey(nameof(LocalWatermark)) ? UserTime.ToUtc(LocalWatermark) : null,
            Integration = bound.ContainsKey(nameof(IntegrationWatermark)) ? UserTime.ToUtc(IntegrationWatermark) : null,
            Reset = ResetWatermark,
        };
        if (settings.IsEmpty && watermarks.IsEmpty)
            Terminate(new ArgumentException("Give at least one setting to change, e.g. -Direction, -UpdateConflictResolution or -LocalWatermark."),
                ErrorIds.NoSettingGiven, FailureCategory.InvalidArgument, Name);
        if (!settings.IsEmpty) ChangeSettings(settings);
        if (!watermarks.IsEmpty) MoveWatermarks(watermarks);
    }

    private void MoveWatermarks(WatermarkRequest request)
    {
        try
        {
            var plan = Engine.Watermarks.Plan(Name, request);
            if (!ShouldProcess(Name, $"Set {string.Join("; ", plan.Select(p => p.ToString()))}")) return;
            var changes = Engine.Watermarks.Apply(Name, request);
            if (PassThru) WriteObject(changes, enumerateCollection: true);
        }
        catch (Exception e) when (EngineFailure.IsExpected(e))
        {
            WriteFailure(e, ErrorIds.WatermarkNotMoved, e is ArgumentException ? FailureCategory.InvalidArgument : FailureCategory.InvalidOperation, Name);
        }
    }

    private void ChangeSettings(MappingSettings settings)
    {
        try
        {
            Engine.UpdateMapping(Name, settings.Apply, validateOnly: true);
            if (!ShouldProcess(Name, $"Set {settings.Describe()}")) return;
            var change = Engine.UpdateMapping(Name, settings.Apply);
            if (PassThru) WriteObject(change);
        }
        catch (Exception e) when (EngineFailure.IsExpected(e))
        {
            WriteFailure(e, ErrorIds.InvalidConfiguration, FailureCategory.InvalidData, Name);
        }
    }
}
