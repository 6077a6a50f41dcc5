using System.Text;
using SyncAdmin.Engine.Configuration;

namespace SyncAdmin.Engine.Tests.Configuration;

/// <summary>Mapping files written to hurt: structures that nest, alias or repeat without bound must be refused at their
/// line and column, quickly and in bounded memory — never crash the host (a stack overflow ends the process, and with it
/// this test run) — and names that try to escape quoting are refused when the file is read, not at the first sync.</summary>
public class HostileFileTests
{
    private static ConfigurationException Refused(string yaml)
    {
        var e = Assert.Throws<ConfigurationException>(() => MappingFileLoader.Parse(yaml, "hostile.yaml"));
        Assert.Equal("hostile.yaml", e.File);
        Assert.True(e.Message.Length < 20_000, $"a message of {e.Message.Length:N0} characters");
        return e;
    }

    private const string Header = """
        connections:
          erp: { provider: sqlite, connectionString: "Data Source=erp.db" }
          crm: { provider: sqlite, connectionString: "Data Source=crm.db" }
        """;

    private static string Mapping(string name = "CUSTOMER", string table = "Customer", string key = "No", string field = "Name") =>
        $"  - name: \"{name}\"\n" +
        $"    table:            {{ connection: erp, name: \"{table}\", key: \"{key}\" }}\n" +
        "    integrationTable: { connection: crm, name: account, key: accountid }\n" +
        "    fields:\n" +
        $"      - {{ field: \"{field}\", integrationField: name }}\n";

    [Theory]
    [InlineData("mappings:\n  - ? &k [ *k ] : x\n", 2, 12)]
    [InlineData("mappings: &m [ *m ]\n", 1, 16)]
    [InlineData("a: &m { b: { c: *m } }\n", 1, 17)]
    [InlineData("x: &s\n  - y\n  - *s\n", 3, 5)]
    public void An_alias_inside_the_node_it_names_is_refused_where_it_is(string yaml, int line, int column)
    {
        var e = Refused(yaml);
        Assert.Contains("would never end", e.Reason);
        Assert.Equal((line, column), (e.Line, e.Column));
    }

    [Theory]
    [InlineData("{a: ", "}")]
    [InlineData("[", "]")]
    [InlineData("- ", "")]
    [InlineData("{a: [", "]}")]
    public void Nesting_without_bound_is_refused_at_the_level_that_is_too_deep(string open, string close)
    {
        var builder = new StringBuilder("mappings: ");
        if (open == "- ")
            for (var i = 0; i < 20_000; i++) builder.Append('\n').Append(new string(' ', 2 + i % 200)).Append("- ");
        else
        {
            for (var i = 0; i < 20_000; i++) builder.Append(open);
            builder.Append('x');
            for (var i = 0; i < 20_000; i++) builder.Append(close);
        }
        var e = Refused(builder.ToString());
        Assert.Contains("nests deeper than 64 levels", e.Reason);
        Assert.True(e.Line >= 1 && e.Column >= 1);
    }

    [Fact]
    public void An_alias_bomb_used_as_a_key_is_refused_before_it_expands()
    {
        var yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 9; i++)
            yaml.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        yaml.Append("mappings:\n  - ? *a9\n    : x\n");
        Assert.True(yaml.Length < 1000);

        var e = Refused(yaml.ToString());

        Assert.Contains("expand to more than 100,000 values", e.Reason);
        Assert.True(e.Line <= 12);
    }

    [Fact]
    public void Fifty_thousand_aliases_of_one_mapping_are_refused_with_a_short_message()
    {
        var yaml = new StringBuilder(Header).Append("\nmappings:\n  - &m\n    name: CUSTOMER\n    table: { connection: erp, name: Customer, key: No }\n")
            .Append("    integrationTable: { connection: crm, name: account, key: accountid }\n");
        for (var i = 0; i < 50_000; i++) yaml.Append("  - *m\n");

        var e = Refused(yaml.ToString());

        Assert.Contains("expand to more than 100,000 values", e.Reason);
    }

    [Fact]
    public void Thousands_of_problems_are_reported_as_the_first_fifty_and_a_count()
    {
        var yaml = new StringBuilder(Header).Append("\nmappings:\n");
        for (var i = 0; i < 2_000; i++) yaml.Append(Mapping(name: $"M{i}", key: "")).Append('\n');

        var e = Refused(yaml.ToString());

        Assert.Contains("1999 more problems in this file", e.Reason);
        Assert.Contains("… and 1949 more (fix these first).", e.Reason);
    }

    [Fact]
    public void A_file_of_megabytes_is_refused_before_it_is_parsed()
    {
        var e = Refused(Header + "\nmappings:\n" + Mapping(table: new string('T', 5_000_000)));
        Assert.Contains("at most 4,194,304", e.Reason);
    }

    [Theory]
    [InlineData("Customer; DROP TABLE Currency")]
    [InlineData("Customer\\\"]")]
    [InlineData("Cus`tomer")]
    [InlineData("Customer -- comment")]
    [InlineData("Cus\\u0000tomer")]
    [InlineData("Cus\\u200Btomer")]
    [InlineData("dbo].[x")]
    [InlineData("Cust'omer")]
    [InlineData("Cust\\tomer")]
    [InlineData(" Customer")]
    public void A_table_name_that_is_not_a_plain_identifier_is_refused_at_its_place(string name)
    {
        var e = Refused(Header + "\nmappings:\n" + Mapping(table: name));
        Assert.Contains("the table's name", e.Reason);
        Assert.Contains("is not a valid SQLite identifier", e.Reason);
        Assert.Equal(6, e.Line); // the table's line
    }

    [Theory]
    [InlineData("key", "No; DROP TABLE x")]
    [InlineData("field", "Name\\u2028")]
    [InlineData("field", "Na]me")]
    public void Column_names_are_refused_the_same_way(string which, string name)
    {
        var e = Refused(Header + "\nmappings:\n" + (which == "key" ? Mapping(key: name) : Mapping(field: name)));
        Assert.Contains("is not a valid SQLite identifier", e.Reason);
    }

    [Fact]
    public void Names_are_bounded_in_length_and_alphabet()
    {
        Assert.Contains("at most 100 are allowed", Refused(Header + "\nmappings:\n" + Mapping(name: new string('M', 1_000_000))).Reason);
        Assert.Contains("contains U+200B", Refused(Header + "\nmappings:\n" + Mapping(name: "CUST\\u200BOMER")).Reason);
        Assert.Contains("contains ';'", Refused(Header + "\nmappings:\n" + Mapping(name: "A; DROP")).Reason);
        Assert.Contains("longer than 128", Refused(Header + "\nmappings:\n" + Mapping(table: new string('T', 129))).Reason);
    }

    [Fact]
    public void A_tab_used_to_indent_is_reported_on_its_line()
    {
        var e = Refused("connections:\n  erp: { provider: sqlite, connectionString: \"Data Source=erp.db\" }\nmappings:\n\t- name: CUSTOMER\n");
        Assert.True((4, 1) == (e.Line, e.Column), e.Message);
        Assert.Contains("tab", e.Reason);
    }

    [Fact]
    public void An_undefined_alias_is_reported_where_it_is_used()
    {
        var e = Refused(Header + "\nmappings:\n  - name: CUSTOMER\n    table: *nowhere\n");
        Assert.Equal((6, 12), (e.Line, e.Column));
        Assert.Contains("*nowhere names no anchor", e.Reason);
    }

    [Fact]
    public void An_unclosed_bracket_at_the_end_of_the_file_is_reported_at_the_bracket()
    {
        var e = Refused(Header + "\nmappings:\n  - name: CUSTOMER\n    table: { connection: erp, name: Customer, key: No }\n    dependsOn: [CURRENCY, OTHER\n");
        Assert.Equal((7, 16), (e.Line, e.Column));
        Assert.Contains("never closed", e.Reason);
    }
}
