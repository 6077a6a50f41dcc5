using SyncAdmin.Parameters;

namespace SyncAdmin.Tests.Parameters;

public class MappingNameSelectionTests
{
    private static readonly string[] Stored = { "CURRENCY", "CUSTOMER", "SALES ORDER" };

    [Fact]
    public void No_name_selects_everything_and_filters_nothing()
    {
        var all = MappingNameSelection.Select(Stored, null);
        Assert.True(all.All);
        Assert.Equal(Stored, all.Names);
        Assert.Null(all.EngineFilter);
        Assert.True(MappingNameSelection.Select(Stored, Array.Empty<string>()).All);
    }

    [Fact]
    public void Wildcards_select_the_matching_mappings_in_any_case()
    {
        Assert.Equal(new[] { "CURRENCY", "CUSTOMER" }, MappingNameSelection.Select(Stored, new[] { "cu*" }).Names);
        Assert.Equal(new[] { "CUSTOMER" }, MappingNameSelection.Select(Stored, new[] { "C?STOMER" }).Names);
        Assert.Equal(new[] { "CURRENCY", "CUSTOMER" }, MappingNameSelection.Select(Stored, new[] { "CU[RS]*" }).Names);
        Assert.Equal(new[] { "SALES ORDER" }, MappingNameSelection.Select(Stored, new[] { "*order" }).Names);
    }

    [Fact]
    public void Plain_names_are_matched_in_any_case_and_returned_as_stored()
    {
        var selection = MappingNameSelection.Select(Stored, new[] { "customer", "currency", "CUSTOMER" });
        Assert.Equal(new[] { "CUSTOMER", "CURRENCY" }, selection.Names);
        Assert.Empty(selection.NotFound);
    }

    [Fact]
    public void A_plain_name_that_matches_nothing_is_reported_a_wildcard_that_matches_nothing_is_not()
    {
        var selection = MappingNameSelection.Select(Stored, new[] { "VENDOR", "ITEM*" });
        Assert.Equal(new[] { "VENDOR" }, selection.NotFound);
        Assert.Empty(selection.Names);
    }

    [Fact]
    public void Selecting_nothing_never_becomes_the_engines_all_mappings()
    {
        // The engine reads an empty list as "every mapping": Remove-SyncError -All -Name NOPE* must not purge everything.
        var nothing = MappingNameSelection.Select(Stored, new[] { "NOPE*" });
        Assert.True(nothing.IsEmpty);
        Assert.Throws<InvalidOperationException>(() => nothing.EngineFilter);
    }

    [Fact]
    public void Escaped_wildcard_characters_are_literal()
    {
        var stored = new[] { "A*B", "AXB" };
        Assert.Equal(new[] { "A*B" }, MappingNameSelection.Select(stored, new[] { "A`*B" }).Names);
        Assert.True(new WildcardName("A`*B").IsMatch("A*B"));
        Assert.False(new WildcardName("A`*B").IsMatch("AXB"));
        Assert.False(WildcardName.HasWildcards("A`*B"));
    }
}
