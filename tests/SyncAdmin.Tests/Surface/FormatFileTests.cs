using System.Reflection;
using System.Xml.Linq;
using SyncAdmin.Tests.Support;

namespace SyncAdmin.Tests.Surface;

/// <summary>Every type a cmdlet writes has a view, and the format file is one PowerShell would accept: table headers match
/// their columns, and every column names a property the type has.</summary>
[Collection(ModuleSurfaceCollection.Name)]
public class FormatFileTests(ModuleSurface module)
{
    private static readonly XDocument Format = XDocument.Load(Path.Combine(Repository.ModuleDirectory, "SyncAdmin.format.ps1xml"));

    /// <summary>Types that appear inside output objects and are worth a view of their own.</summary>
    private static readonly string[] NestedOutputTypes = { "SyncAdmin.Engine.Sync.RecordPreview", "SyncAdmin.Engine.Admin.FieldComparison" };

    private static IEnumerable<XElement> Views => Format.Descendants("View");

    private static string TypeOf(XElement view) => view.Element("ViewSelectedBy")!.Element("TypeName")!.Value;

    [Fact]
    public void Every_type_a_cmdlet_outputs_has_a_view()
    {
        var viewed = Views.Select(TypeOf).ToHashSet();
        var outputs = module.Cmdlets.SelectMany(c => c.OutputTypes).Where(t => !t.IsPrimitive).Select(t => t.FullName!).Concat(NestedOutputTypes);
        Assert.All(outputs.Distinct(), t => Assert.Contains(t, viewed));
    }

    [Fact]
    public void The_error_table_ends_with_the_message_wrapped_and_the_list_shows_the_destination()
    {
        var table = Views.Single(v => TypeOf(v) == "SyncAdmin.Engine.State.SyncError" && v.Element("TableControl") is not null);
        Assert.Equal(new[] { "Id", "Time", "Mapping", "Source", "Message" }, table.Descendants("Label").Select(l => l.Value));
        Assert.NotNull(table.Descendants("Wrap").SingleOrDefault());
        var list = Views.Single(v => TypeOf(v) == "SyncAdmin.Engine.State.SyncError" && v.Element("ListControl") is not null);
        Assert.Contains("Destination", list.Descendants("Label").Select(l => l.Value));
    }

    [Fact]
    public void The_job_table_shows_the_counters_and_the_skipped_table_the_reason()
    {
        var jobs = Views.Single(v => TypeOf(v) == "SyncAdmin.Engine.State.SyncJob" && v.Element("TableControl") is not null);
        Assert.Superset(new[] { "Inserted", "Modified", "Deleted", "Unchanged", "Skipped", "Failed" }.ToHashSet(),
            jobs.Descendants("Label").Select(l => l.Value).ToHashSet());
        var skipped = Views.Single(v => TypeOf(v) == "SyncAdmin.Engine.Admin.SkippedRecord" && v.Element("TableControl") is not null);
        Assert.Contains("Reason", skipped.Descendants("Label").Select(l => l.Value));
    }

    [Fact]
    public void Table_views_have_as_many_headers_as_columns()
    {
        foreach (var table in Format.Descendants("TableControl"))
            Assert.Equal(table.Descendants("TableColumnHeader").Count(), table.Descendants("TableColumnItem").Count());
    }

    [Fact]
    public void Every_view_is_of_a_real_type_and_every_column_names_a_real_property()
    {
        foreach (var view in Views)
        {
            var type = module.Surface.FindType(TypeOf(view));
            Assert.True(type is not null, $"view {view.Element("Name")!.Value}: no type {TypeOf(view)}");
            var properties = type!.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToHashSet();
            foreach (var property in view.Descendants("PropertyName").Select(p => p.Value))
                Assert.True(properties.Contains(property), $"view of {type.Name}: no property {property}");
            Assert.All(view.Descendants("ScriptBlock"), s => Assert.False(string.IsNullOrWhiteSpace(s.Value)));
        }
    }

    [Fact]
    public void Views_are_unique_per_type_and_control()
    {
        var keys = Views.Select(v => (TypeOf(v), v.Elements().Last().Name.LocalName)).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }
}
