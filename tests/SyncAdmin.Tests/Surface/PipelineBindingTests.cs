using SyncAdmin.HelpBuilder;
using SyncAdmin.Tests.Support;

namespace SyncAdmin.Tests.Surface;

/// <summary>The pipelines DESIGN.md §4 and the issue name, and the other ones the help shows, bind by property name:
/// worked out from the cmdlets' metadata and the piped types' real properties.</summary>
[Collection(ModuleSurfaceCollection.Name)]
public class PipelineBindingTests(ModuleSurface module)
{
    private PipelineBinding.Result Pipe(string engineType, string cmdlet, params string[] given)
    {
        var type = module.Surface.FindType(engineType) ?? throw new InvalidOperationException($"no type {engineType}");
        return PipelineBinding.Bind(module.Cmdlet(cmdlet), PipelineBinding.PropertiesOf(type), engineType, given);
    }

    private static void AssertBinds(PipelineBinding.Result result, string set, params (string Parameter, string Property)[] expected)
    {
        Assert.Equal(set, result.ParameterSet);
        foreach (var (parameter, property) in expected)
        {
            Assert.True(result.Bound.TryGetValue(parameter, out var from), $"-{parameter} does not bind; bound: {string.Join(", ", result.Bound.Keys)}");
            Assert.Equal(property, from);
        }
    }

    [Fact]
    public void Get_SyncError_into_Remove_SyncError_binds_each_error_by_its_Id() =>
        AssertBinds(Pipe("SyncAdmin.Engine.State.SyncError", "Remove-SyncError"), "Id", ("Id", "Id"));

    [Theory]
    [InlineData("Keep", "Keep")]
    [InlineData("Retry", "Retry")]
    [InlineData("Restore", "Restore")]
    [InlineData("RemoveCoupling", "RemoveCoupling")]
    public void Get_SkippedRecord_into_Resolve_SkippedRecord_binds_mapping_and_keys(string given, string set) =>
        AssertBinds(Pipe("SyncAdmin.Engine.Admin.SkippedRecord", "Resolve-SkippedRecord", given), set,
            ("Mapping", "Mapping"), ("LocalKey", "LocalKey"), ("IntegrationKey", "IntegrationKey"));

    [Fact]
    public void Get_IntegrationMapping_into_Invoke_RecordSync_binds_the_mapping_name() =>
        AssertBinds(Pipe("SyncAdmin.Engine.Admin.MappingStatus", "Invoke-RecordSync"), "Mappings", ("Name", "Name"));

    [Fact]
    public void Get_Coupling_into_Remove_Coupling_binds_mapping_and_keys() =>
        AssertBinds(Pipe("SyncAdmin.Engine.State.Coupling", "Remove-Coupling"), ParameterSetEntry.AllSets,
            ("Mapping", "Mapping"), ("LocalKey", "LocalKey"), ("IntegrationKey", "IntegrationKey"));

    [Fact]
    public void A_job_piped_to_Get_SyncError_selects_that_jobs_errors() =>
        AssertBinds(Pipe("SyncAdmin.Engine.State.SyncJob", "Get-SyncError"), ParameterSetEntry.AllSets, ("JobId", "Id"), ("Name", "Mapping"));

    [Theory]
    [InlineData("Get-SyncError")]
    [InlineData("Get-SyncJob")]
    [InlineData("Get-SkippedRecord")]
    [InlineData("Get-Coupling")]
    public void A_mapping_piped_to_a_Get_cmdlet_selects_that_mappings_entries(string cmdlet) =>
        AssertBinds(Pipe("SyncAdmin.Engine.Admin.MappingStatus", cmdlet), ParameterSetEntry.AllSets, ("Name", "Name"));

    [Fact]
    public void Files_from_Get_ChildItem_import_by_FullName_and_their_Name_does_not_pick_the_settings_parameter_set()
    {
        var result = PipelineBinding.Bind(module.Cmdlet("Set-IntegrationMapping"), PipelineBinding.PropertiesOf(typeof(FileInfo)), typeof(FileInfo).FullName!);
        AssertBinds(result, "Path", ("Path", "FullName"));
        Assert.False(result.Bound.ContainsKey("Name"));
    }

    [Fact]
    public void Paths_as_text_import_by_value() =>
        AssertBinds(PipelineBinding.Bind(module.Cmdlet("Set-IntegrationMapping"), new Dictionary<string, string>(), "System.String"), "Path",
            ("Path", "(the object)"));

    [Fact]
    public void Key_pairs_from_a_csv_file_couple_records()
    {
        var row = new Dictionary<string, string> { ["LocalKey"] = "System.String", ["IntegrationKey"] = "System.String" };
        AssertBinds(PipelineBinding.Bind(module.Cmdlet("New-Coupling"), row, "System.Management.Automation.PSCustomObject", "Mapping"),
            ParameterSetEntry.AllSets, ("LocalKey", "LocalKey"), ("IntegrationKey", "IntegrationKey"));
    }

    [Fact]
    public void Objects_without_the_properties_do_not_bind_where_they_would_do_harm()
    {
        // A mapping piped into Remove-SyncError must not bind to anything (no -Id): nothing is deleted by accident.
        Assert.Null(Pipe("SyncAdmin.Engine.Admin.MappingStatus", "Remove-SyncError").ParameterSet);
        // An error piped into Resolve-SkippedRecord has a Mapping but no keys: the cmdlet reports RecordKeyMissing.
        Assert.False(Pipe("SyncAdmin.Engine.State.SyncError", "Resolve-SkippedRecord", "Retry").Bound.ContainsKey("LocalKey"));
    }
}
