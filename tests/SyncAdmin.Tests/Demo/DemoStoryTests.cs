using SyncAdmin.Demo;
using SyncAdmin.Tests.Support;

namespace SyncAdmin.Tests.Demo;

/// <summary>The README's first command (dotnet run --project examples/SyncAdmin.Demo) tells the seeds' story correctly.</summary>
public class DemoStoryTests
{
    [Fact]
    public void The_demo_walks_the_seeds_story_to_a_clean_end()
    {
        using var directory = new TempDirectory();
        var output = new StringWriter();
        var result = new SeedStory(directory.Path, output).Run();

        Assert.Equal(3, result.AccountsAfterFirstSync);            // the blocked customer is filtered out
        Assert.Equal(3, result.FailedInConflictRun);               // conflict (both passes) and the deleted account
        Assert.Equal(1, result.SkippedAfterSecondRun);
        Assert.Equal(7500, result.CreditLimitKeptFromErp);         // Keep Local
        Assert.Equal(5, result.ErrorsRemovedEightDaysLater);       // older than 7 days, a week later
        Assert.Contains("no longer exists", result.SkippedReasonAfterPurge);  // the reason outlives the log entries
        Assert.True(result.DeletedAccountRestored);
        Assert.Equal(0, result.FailuresInFinalRun);
        Assert.Contains("Resolve-SkippedRecord -Mapping CUSTOMER -LocalKey 10000 -Keep Local", output.ToString());
    }

    [Fact]
    public void The_sample_mappings_fit_the_sample_tables()
    {
        // What Set-IntegrationMapping -ValidateSchema checks for the example an admin starts from.
        using var sample = new SampleStore(openEngine: false);
        using var engine = SyncAdmin.Engine.SyncEngine.Open(sample.StorePath);

        var changes = engine.ImportMappings(sample.MappingFile, checkSchema: true);

        Assert.Equal(new[] { "CURRENCY", "CUSTOMER" }, changes.Select(c => c.Name));
    }
}
