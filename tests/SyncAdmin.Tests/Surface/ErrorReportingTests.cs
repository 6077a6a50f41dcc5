using System.Reflection;
using SyncAdmin.Parameters;
using SyncAdmin.Tests.Support;

namespace SyncAdmin.Tests.Surface;

/// <summary>Error records carry real ErrorCategory values and stable, distinct ErrorIds.</summary>
[Collection(ModuleSurfaceCollection.Name)]
public class ErrorReportingTests(ModuleSurface module)
{
    [Fact]
    public void Every_failure_category_is_a_PowerShell_ErrorCategory()
    {
        var categories = module.Surface.FindType("System.Management.Automation.ErrorCategory")!
            .GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.Name).ToHashSet();
        Assert.All(Enum.GetNames<FailureCategory>(), name => Assert.Contains(name, categories));
    }

    [Fact]
    public void Error_ids_are_distinct_and_free_of_spaces()
    {
        var ids = typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^[A-Z][A-Za-z]+$", id));
    }
}
