using SyncAdmin.Engine.Admin;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Sync;
using SyncAdmin.Parameters;

namespace SyncAdmin.Tests.Parameters;

/// <summary>The small decisions the cmdlets make about their arguments.</summary>
public class ArgumentTests
{
    [Theory]
    [InlineData(7, 7.0)]
    [InlineData(7L, 7.0)]
    [InlineData(0.5, 0.5)]
    [InlineData("7", 7.0)]
    [InlineData("1.5", 1.5)]
    public void A_bare_number_given_to_OlderThan_is_days(object value, double days) =>
        Assert.Equal(TimeSpan.FromDays(days), AgeArgument.From(value));

    [Fact]
    public void Time_span_texts_and_values_pass_through()
    {
        Assert.Equal(new TimeSpan(12, 0, 0), AgeArgument.From("12:00:00"));
        Assert.Equal(TimeSpan.FromDays(7), AgeArgument.From("7.00:00:00"));
        Assert.Equal(TimeSpan.FromHours(3), AgeArgument.From(TimeSpan.FromHours(3)));
        Assert.Null(AgeArgument.From("a week"));
        Assert.Null(AgeArgument.From(null));
    }

    [Fact]
    public void Empty_keys_from_a_piped_null_mean_not_given()
    {
        var keys = RecordKeys.Of("", "6f1c");
        Assert.Null(keys.Local);
        Assert.Equal("6f1c", keys.Integration);
        Assert.True(RecordKeys.Of("", null).IsEmpty);
        Assert.Equal("CUSTOMER local 10000 <-> integration 6f1c", RecordKeys.Of("10000", "6f1c").Describe("CUSTOMER"));
        Assert.Equal("CUSTOMER integration 6f1c", keys.Describe("CUSTOMER"));
    }

    [Theory]
    [InlineData(Side.Local, false, false, false, SkippedResolution.KeepLocal)]
    [InlineData(Side.Integration, false, false, false, SkippedResolution.KeepIntegration)]
    [InlineData(null, true, false, false, SkippedResolution.Retry)]
    [InlineData(null, false, true, false, SkippedResolution.Restore)]
    [InlineData(null, false, false, true, SkippedResolution.RemoveCoupling)]
    public void Each_parameter_set_of_Resolve_SkippedRecord_is_one_resolution(Side? keep, bool retry, bool restore, bool remove, SkippedResolution expected)
    {
        Assert.Equal(expected, SkippedResolutionChoice.From(keep, retry, restore, remove));
        Assert.False(string.IsNullOrWhiteSpace(SkippedResolutionChoice.Action(expected)));
    }

    [Fact]
    public void Two_resolutions_at_once_are_refused() =>
        Assert.Throws<ArgumentException>(() => SkippedResolutionChoice.From(Side.Local, true, false, false));

    [Theory]
    [InlineData(false, false, true)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(true, true, false)]
    public void Remove_all_asks_only_without_Force_and_without_Confirm(bool force, bool confirmGiven, bool asks) =>
        Assert.Equal(asks, ConfirmationRule.AsksToContinue(force, confirmGiven));

    [Theory]
    [InlineData(true, false, false, true)]
    [InlineData(true, true, false, false)]
    [InlineData(true, false, true, false)]
    [InlineData(false, false, false, false)]
    public void Force_goes_ahead_without_any_prompt_unless_Confirm_or_WhatIf_is_given(bool force, bool confirmGiven, bool whatIf, bool bypasses) =>
        Assert.Equal(bypasses, ConfirmationRule.BypassesShouldProcess(force, confirmGiven, whatIf));

    [Fact]
    public void Progress_names_the_mapping_the_pass_and_the_counters()
    {
        var progress = new SyncProgress("CUSTOMER", SyncDirection.ToIntegrationTable, "changes", 500, 3, 10, 1);
        Assert.Equal("Synchronizing CUSTOMER (ToIntegrationTable)", ProgressText.Activity(progress));
        Assert.Equal("500 records: 3 inserted, 10 modified, 1 failed", ProgressText.Status(progress));
        Assert.Equal("reading changes", ProgressText.Operation(progress));
        Assert.Equal("retrying failed records", ProgressText.Operation(progress with { Phase = "retries" }));
        Assert.Equal("synchronizing chosen records", ProgressText.Operation(progress with { Phase = "records" }));
    }

    [Fact]
    public void Tab_completion_offers_stored_names_that_start_with_what_was_typed()
    {
        var stored = new[] { "CUSTOMER", "CURRENCY", "SALES ORDER", "O'BRIEN" };
        Assert.Equal(new[] { "CURRENCY", "CUSTOMER" }, MappingNameCompletion.Complete(stored, "cu"));
        Assert.Equal(new[] { "'SALES ORDER'" }, MappingNameCompletion.Complete(stored, "'sal"));
        Assert.Equal(new[] { "'O''BRIEN'" }, MappingNameCompletion.Complete(stored, "O"));
        Assert.Equal(4, MappingNameCompletion.Complete(stored, "").Count);
        Assert.Equal(new[] { "CUSTOMER" }, MappingNameCompletion.Complete(stored, "*TOM"));
    }

    [Fact]
    public void Mapping_settings_change_only_what_was_given()
    {
        var mapping = new MappingDefinition
        {
            Name = "CUSTOMER",
            Table = new TableDefinition { Connection = "erp", Name = "Customer", Key = "No" },
            IntegrationTable = new TableDefinition { Connection = "crm", Name = "account", Key = "accountid" },
            BatchSize = 500,
        };
        var settings = new MappingSettings { Direction = SyncDirection.ToIntegrationTable, DependsOn = new[] { "CURRENCY" } };
        var changed = settings.Apply(mapping);
        Assert.Equal(SyncDirection.ToIntegrationTable, changed.Direction);
        Assert.Equal(new[] { "CURRENCY" }, changed.DependsOn);
        Assert.Equal(500, changed.BatchSize);
        Assert.Equal(mapping.UpdateConflictResolution, changed.UpdateConflictResolution);
        Assert.Equal("Direction = ToIntegrationTable, DependsOn = [CURRENCY]", settings.Describe());
        Assert.True(new MappingSettings().IsEmpty);
        Assert.False(new MappingSettings { FieldLevelMerge = false }.IsEmpty);
    }
}
