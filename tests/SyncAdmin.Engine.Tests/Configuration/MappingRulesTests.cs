using SyncAdmin.Engine.Configuration;

namespace SyncAdmin.Engine.Tests.Configuration;

/// <summary>The rules on their own, as a cmdlet changing one setting of a stored mapping uses them: no file involved.</summary>
public class MappingRulesTests
{
    private static readonly ConnectionDefinition Erp = new() { Name = "erp", ConnectionString = "Data Source=erp.db" };

    private static MappingDefinition Customer(params FieldMapping[] fields) => new()
    {
        Name = "CUSTOMER",
        Table = new TableDefinition { Connection = "erp", Name = "Customer", Key = "No" },
        IntegrationTable = new TableDefinition { Connection = "ERP", Name = "account", Key = "accountid" },
        Fields = fields,
    };

    [Fact]
    public void A_valid_mapping_using_a_stored_connection_breaks_no_rule()
    {
        var violations = MappingRules.Check([Customer(new FieldMapping { Field = "Name", IntegrationField = "name" })], [], knownConnections: [Erp]);

        Assert.Empty(violations);
    }

    [Fact]
    public void Narrowing_a_stored_mapping_direction_exposes_its_bidirectional_field()
    {
        var stored = Customer(
            new FieldMapping { Field = "Name", IntegrationField = "name" },
            new FieldMapping { Field = "Phone", IntegrationField = "telephone1", Direction = SyncDirection.Bidirectional });
        var changed = stored with { Direction = SyncDirection.ToIntegrationTable };

        var violation = Assert.Single(MappingRules.Check([changed], [], [Erp], [stored]));

        Assert.Same(changed, violation.Mapping);
        Assert.Equal("fields[1].direction", violation.Path);
        Assert.Contains("direction Bidirectional is not permitted under the mapping's direction ToIntegrationTable", violation.Message);
    }

    [Fact]
    public void Limits_on_numbers_are_each_reported_at_their_setting()
    {
        var mapping = Customer() with { BatchSize = MappingRules.MaxBatchSize + 1, SkipAfterRepeatedFailures = -1, WatermarkOverlapSeconds = -5 };

        var violations = MappingRules.Check([mapping], [Erp]);

        Assert.Equal(["skipAfterRepeatedFailures", "batchSize", "watermarkOverlapSeconds"], violations.Select(v => v.Path));
        Assert.Contains("between 1 and 10000, not 10001", violations[1].Message);
    }

    [Fact]
    public void The_key_column_cannot_also_filter_the_table()
    {
        var mapping = Customer() with
        {
            IntegrationTable = new TableDefinition
            {
                Connection = "erp", Name = "account", Key = "accountid",
                Filter = new Dictionary<string, string?> { ["statecode"] = "0", ["AccountId"] = "x" },
            },
        };

        var violation = Assert.Single(MappingRules.Check([mapping], [Erp]));

        Assert.Equal("integrationTable.filter.AccountId", violation.Path);
        Assert.Equal("Mapping 'CUSTOMER': the key column 'accountid' of the integration table cannot also be a filter column.", violation.Message);
    }

    [Fact]
    public void A_mapping_depending_on_itself_is_a_cycle_and_a_lookup_through_itself_is_refused()
    {
        var mapping = Customer(new FieldMapping { Field = "Parent", IntegrationField = "parentaccountid", Lookup = "customer" })
            with { DependsOn = ["Customer"] };

        var violations = MappingRules.Check([mapping], [Erp]);

        Assert.Equal(["fields[0].lookup", "dependsOn[0]"], violations.Select(v => v.Path));
        Assert.Contains("cannot look up through its own mapping", violations[0].Message);
        Assert.StartsWith("Mappings depend on each other in a cycle: CUSTOMER -> CUSTOMER.", violations[1].Message);
    }

    [Fact]
    public void An_imported_mapping_replaces_the_stored_one_in_the_dependency_graph()
    {
        // Stored: CURRENCY depends on CUSTOMER. The import redefines CURRENCY without that, so CUSTOMER may depend on it.
        var storedCurrency = Customer() with { Name = "CURRENCY", DependsOn = ["CUSTOMER"] };
        var newCurrency = storedCurrency with { DependsOn = [] };
        var customer = Customer() with { DependsOn = ["CURRENCY"] };

        Assert.Empty(MappingRules.Check([customer, newCurrency], [Erp], knownMappings: [storedCurrency, Customer()]));
        Assert.Single(MappingRules.Check([customer], [Erp], knownMappings: [storedCurrency]));
    }

    [Fact]
    public void Field_and_match_entries_need_their_columns()
    {
        var mapping = Customer(
                new FieldMapping { Field = "Name" },
                new FieldMapping { Direction = SyncDirection.ToIntegrationTable },
                new FieldMapping { Field = "Kind", Constant = "1", HasConstant = true, Direction = SyncDirection.ToIntegrationTable })
            with { MatchOn = [new MatchField { Field = "Email", IntegrationField = " " }], DependsOn = ["NOPE"] };

        var violations = MappingRules.Check([mapping], [Erp]);

        Assert.Equal(["fields[0]", "fields[1]", "fields[2].direction", "matchOn[0]", "dependsOn[0]"], violations.Select(v => v.Path));
        Assert.Contains("needs both 'field' and 'integrationField'", violations[0].Message);
        Assert.Contains("names no column", violations[1].Message);
        Assert.Contains("a constant for 'Kind' is written FromIntegrationTable, so its direction cannot be ToIntegrationTable", violations[2].Message);
        Assert.Contains("depends on mapping 'NOPE', which is defined neither", violations[4].Message);
    }

    [Fact]
    public void The_same_integration_column_in_two_field_mappings_is_an_error()
    {
        var mapping = Customer(
            new FieldMapping { Field = "Name", IntegrationField = "name" },
            new FieldMapping { IntegrationField = "NAME", Constant = "x", HasConstant = true });

        var violation = Assert.Single(MappingRules.Check([mapping], [Erp]));

        Assert.Equal("fields[1].integrationField", violation.Path);
        Assert.Equal("Mapping 'CUSTOMER' maps the column 'NAME' of the integration table twice (field mappings #1 and #2).", violation.Message);
    }

    [Fact]
    public void Connection_problems_point_at_the_connection()
    {
        var secret = new ConnectionDefinition { Name = "crm", Provider = ProviderKind.SqlServer, ConnectionString = "Server=x;pwd= hunter2 ;" };
        var twice = new ConnectionDefinition { Name = "CRM", Provider = ProviderKind.SqlServer, ConnectionString = "Server=y;Password=${env:CRM_PASSWORD}" };

        var violations = MappingRules.Check([], [secret, twice]);

        Assert.Equal([(secret, "connectionString"), (twice, "")], violations.Select(v => (v.Connection!, v.Path)));
        Assert.DoesNotContain("hunter2", violations[0].Message);
        Assert.Equal("Connection 'CRM' is defined twice (connection names ignore case).", violations[1].Message);
    }
}
