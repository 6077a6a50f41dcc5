using SyncAdmin.Engine.Configuration;

namespace SyncAdmin.Engine.Tests.Configuration;

/// <summary>Each kind of mistake in a mapping file: the message says what is wrong, and the location is the exact node.</summary>
public class MappingFileErrorTests
{
    /// <summary>Writes <paramref name="yaml"/> to a temp file, loads it, and checks the error names that file at (line, column).</summary>
    private static ConfigurationException LoadFails(
        string yaml, int line, int column,
        IEnumerable<ConnectionDefinition>? knownConnections = null, IEnumerable<MappingDefinition>? knownMappings = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"syncadmin-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        try
        {
            var error = Assert.Throws<ConfigurationException>(() => MappingFileLoader.Load(path, knownConnections, knownMappings));
            Assert.Equal((path, line, column), (error.File, error.Line, error.Column));
            Assert.StartsWith($"{path}({line},{column}): ", error.Message);
            return error;
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Malformed_yaml_is_reported_where_the_parser_stopped()
    {
        var error = LoadFails("""
            connections:
              erp: { provider: sqlite, connectionString: "Data Source=erp.db }
            """, line: 2, column: 46);

        Assert.StartsWith("The file is not valid YAML: ", error.Reason);
        Assert.Contains("quoted scalar", error.Reason);
    }

    [Fact]
    public void An_unclosed_bracket_is_reported_at_the_bracket()
    {
        // YamlDotNet throws a bare InvalidOperationException for this input; the loader still finds the place.
        var error = LoadFails("""
            connections:
              erp: { provider: sqlite, connectionString: "Data Source=erp.db" }
            mappings:
              - name: CUSTOMER
                dependsOn: [CURRENCY
                batchSize: 5
            """, line: 5, column: 16);

        Assert.Equal("The file is not valid YAML: the '[' here is never closed.", error.Reason);
    }

    [Fact]
    public void An_unknown_key_is_named_with_the_keys_allowed_there()
    {
        var error = LoadFails("""
            connections:
              erp: { provider: sqlite, connectionString: "Data Source=erp.db" }
            mappings:
              - name: CUSTOMER
                table:            { connection: erp, name: Customer, key: No }
                integrationTable: { connection: erp, name: account,  key: accountid }
                conflictResolution: None
            """, line: 7, column: 5);

        Assert.StartsWith("Unknown key 'conflictResolution' in mapping 'CUSTOMER'. Allowed keys: name, table, integrationTable, direction,", error.Reason);
        Assert.Contains("updateConflictResolution, deletionConflictResolution", error.Reason);
    }

    [Fact]
    public void An_unknown_key_differing_only_in_case_suggests_the_right_one()
    {
        var error = LoadFails("""
            connections:
              erp: { provider: sqlite, connectionString: "Data Source=erp.db" }
            mappings:
              - name: CUSTOMER
                table:            { connection: erp, name: Customer, key: No }
                integrationTable: { connection: erp, name: account,  key: accountid }
                fields:
                  - { field: Name, integrationfield: name }
            """, line: 8, column: 24);

        Assert.Contains("Unknown key 'integrationfield' in field mapping #1 of mapping 'CUSTOMER'.", error.Reason);
        Assert.EndsWith("Did you mean 'integrationField'? Keys are case-sensitive.", error.Reason);
    }

    [Fact]
    public void A_bad_enum_value_lists_the_allowed_values()
    {
        var error = LoadFails("""
            connections:
              erp: { provider: sqlite, connectionString: "Data Source=erp.db" }
            mappings:
              - name: CUSTOMER
                table:            { connection: erp, name: Customer, key: No }
                integrationTable: { connection: erp, name: account,  key: accountid }
                direction: Sideways
            """, line: 7, column: 16);

        Assert.Equal("Mapping 'CUSTOMER': 'direction' must be one of ToIntegrationTable, FromIntegrationTable, Bidirectional, not 'Sideways'.", error.Reason);
    }

    [Fact]
    public void A_number_setting_with_text_is_an_error_at_the_value()
    {
        var error = LoadFails("""
            connections:
              erp: { provider: sqlite, connectionString: "Data Source=erp.db" }
            mappings:
              - name: CUSTOMER
                table:            { connection: erp, name: Customer, key: No }
                integrationTable: { connection: erp, name: account,  key: accountid }
                skipAfterRepeatedFailures: abc
            """, line: 7, column: 32);

        Assert.Equal("Mapping 'CUSTOMER': 'skipAfterRepeatedFailures' must be a whole number, not 'abc'.", error.Reason);
    }

    [Fact]
    public void A_list_where_a_map_belongs_is_an_error_at_the_list()
    {
        var error = LoadFails("""
            connections:
              erp: { provider: sqlite, connectionString: "Data Source=erp.db" }
            mappings:
              - name: CUSTOMER
                table: [erp, Customer, No]
                integrationTable: { connection: erp, name: account, key: accountid }
            """, line: 5, column: 12);

        Assert.Equal("The table of mapping 'CUSTOMER' must be a map of 'key: value' entries, not a list.", error.Reason);
    }

    [Fact]
    public void A_missing_key_column_is_reported_at_its_table()
    {
        var error = LoadFails("""
            connections:
              erp: { provider: sqlite, connectionString: "Data Source=erp.db" }
            mappings:
              - name: CUSTOMER
                table:            { connection: erp, name: Customer, key: No }
                integrationTable: { connection: erp, name: account }
            """, line: 6, column: 23);

        Assert.Equal("Mapping 'CUSTOMER': the integration table needs a 'key' column.", error.Reason);
    }

    [Fact]
    public void A_column_mapped_twice_is_reported_at_the_second_use()
    {
        var error = LoadFails("""
            connections:
              erp: { provider: sqlite, connectionString: "Data Source=erp.db" }
            mappings:
              - name: CUSTOMER
                table:            { connection: erp, name: Customer, key: No }
                integrationTable: { connection: erp, name: account,  key: accountid }
                fields:
                  - { field: Name,  integrationField: name }
                  - { field: Phone, integrationField: telephone1 }
                  - { field: Name,  integrationField: fullname }
            """, line: 10, column: 18);

        Assert.Equal("Mapping 'CUSTOMER' maps the column 'Name' of the table twice (field mappings #1 and #3).", error.Reason);
    }

    [Fact]
    public void A_dependency_cycle_is_reported_as_its_path()
    {
        var error = LoadFails("""
            connections:
              erp: { provider: sqlite, connectionString: "Data Source=erp.db" }
            mappings:
              - name: A
                table:            { connection: erp, name: A1, key: Id }
                integrationTable: { connection: erp, name: A2, key: Id }
                dependsOn: [b]
              - name: B
                table:            { connection: erp, name: B1, key: Id }
                integrationTable: { connection: erp, name: B2, key: Id }
                dependsOn: [c]
              - name: C
                table:            { connection: erp, name: C1, key: Id }
                integrationTable: { connection: erp, name: C2, key: Id }
                dependsOn: [a]
            """, line: 7, column: 17);

        // Names as defined, though the dependsOn entries are written in another case.
        Assert.Equal("Mappings depend on each other in a cycle: A -> B -> C -> A. Remove one of these dependsOn entries.", error.Reason);
    }

    [Fact]
    public void A_connection_defined_nowhere_is_reported_at_its_name()
    {
        var error = LoadFails("""
            connections:
              erp: { provider: sqlite, connectionString: "Data Source=erp.db" }
            mappings:
              - name: CUSTOMER
                table:            { connection: erp, name: Customer, key: No }
                integrationTable: { connection: crm, name: account,  key: accountid }
            """, line: 6, column: 37);

        Assert.Equal("Mapping 'CUSTOMER': connection 'crm' of the integration table is defined neither in this file nor in the store.", error.Reason);
    }

    [Fact]
    public void A_field_direction_its_mapping_does_not_permit_is_an_error()
    {
        var error = LoadFails("""
            connections:
              erp: { provider: sqlite, connectionString: "Data Source=erp.db" }
            mappings:
              - name: CUSTOMER
                table:            { connection: erp, name: Customer, key: No }
                integrationTable: { connection: erp, name: account,  key: accountid }
                direction: ToIntegrationTable
                fields:
                  - { field: Name, integrationField: name, direction: Bidirectional }
            """, line: 9, column: 59);

        Assert.Equal(
            "Mapping 'CUSTOMER', field mapping #1: direction Bidirectional is not permitted under the mapping's direction ToIntegrationTable.",
            error.Reason);
    }

    [Fact]
    public void A_lookup_through_an_unknown_mapping_is_an_error()
    {
        var error = LoadFails("""
            connections:
              erp: { provider: sqlite, connectionString: "Data Source=erp.db" }
            mappings:
              - name: CUSTOMER
                table:            { connection: erp, name: Customer, key: No }
                integrationTable: { connection: erp, name: account,  key: accountid }
                fields:
                  - { field: CurrencyCode, integrationField: transactioncurrencyid, lookup: CURRENCY }
            """, line: 8, column: 81);

        Assert.Equal(
            "Mapping 'CUSTOMER', field mapping #1 looks up through mapping 'CURRENCY', which is defined neither in this file nor in the store.",
            error.Reason);
    }

    [Fact]
    public void A_literal_password_is_refused_without_repeating_it()
    {
        var error = LoadFails("""
            connections:
              crm: { provider: sqlserver, connectionString: "Server=crm;User ID=sync;Password=Sup3r-S3cret" }
            """, line: 2, column: 49);

        Assert.DoesNotContain("Sup3r-S3cret", error.Message);
        Assert.StartsWith("Connection 'crm' has a password written into its connection string.", error.Reason);
        Assert.Contains("Password=${env:CRM_PASSWORD}", error.Reason);
    }

    [Fact]
    public void Entra_ID_sign_in_is_refused_at_import_naming_the_package_it_needs()
    {
        var error = LoadFails("""
            connections:
              crm: { provider: sqlserver, connectionString: "Server=crm.database.windows.net;Database=CRM;Authentication=Active Directory Managed Identity" }
            """, line: 2, column: 49);

        Assert.StartsWith("Connection 'crm' asks for Entra ID sign-in (Authentication=ActiveDirectoryManagedIdentity)", error.Reason);
        Assert.Contains("Microsoft.Data.SqlClient.Extensions.Azure", error.Reason);
    }

    [Fact]
    public void A_constant_with_both_columns_is_an_error_at_the_field_mapping()
    {
        var error = LoadFails("""
            connections:
              erp: { provider: sqlite, connectionString: "Data Source=erp.db" }
            mappings:
              - name: CUSTOMER
                table:            { connection: erp, name: Customer, key: No }
                integrationTable: { connection: erp, name: account,  key: accountid }
                fields:
                  - { field: Name,  integrationField: name }
                  - { field: Type,  integrationField: customertypecode, constant: 3 }
            """, line: 9, column: 9);

        Assert.StartsWith("Mapping 'CUSTOMER', field mapping #2 has a constant and both 'field' and 'integrationField'.", error.Reason);
    }

    [Fact]
    public void A_constant_flowing_against_the_mapping_direction_is_an_error()
    {
        var error = LoadFails("""
            connections:
              erp: { provider: sqlite, connectionString: "Data Source=erp.db" }
            mappings:
              - name: CUSTOMER
                table:            { connection: erp, name: Customer, key: No }
                integrationTable: { connection: erp, name: account,  key: accountid }
                direction: FromIntegrationTable
                fields:
                  - { integrationField: customertypecode, constant: 3 }
            """, line: 9, column: 9);

        Assert.Equal(
            "Mapping 'CUSTOMER', field mapping #1: a constant for 'customertypecode' is written ToIntegrationTable, which the mapping's direction FromIntegrationTable does not permit.",
            error.Reason);
    }

    [Fact]
    public void A_mapping_name_used_twice_is_reported_at_the_second_name_ignoring_case()
    {
        var error = LoadFails("""
            connections:
              erp: { provider: sqlite, connectionString: "Data Source=erp.db" }
            mappings:
              - name: CUSTOMER
                table:            { connection: erp, name: Customer, key: No }
                integrationTable: { connection: erp, name: account,  key: accountid }
              - name: customer
                table:            { connection: erp, name: Customer2, key: No }
                integrationTable: { connection: erp, name: account2,  key: accountid }
            """, line: 7, column: 11);

        Assert.Equal("Mapping 'customer' is defined twice (mapping names ignore case).", error.Reason);
    }

    [Fact]
    public void A_cycle_through_a_mapping_already_in_the_store_is_found()
    {
        var stored = new MappingDefinition
        {
            Name = "CURRENCY",
            Table = new TableDefinition { Connection = "erp", Name = "Currency", Key = "Code" },
            IntegrationTable = new TableDefinition { Connection = "erp", Name = "transactioncurrency", Key = "id" },
            DependsOn = ["CUSTOMER"],
        };

        var error = LoadFails("""
            connections:
              erp: { provider: sqlite, connectionString: "Data Source=erp.db" }
            mappings:
              - name: CUSTOMER
                table:            { connection: erp, name: Customer, key: No }
                integrationTable: { connection: erp, name: account,  key: accountid }
                dependsOn: [currency]
            """, line: 7, column: 17, knownMappings: [stored]);

        Assert.Equal(
            "Mappings depend on each other in a cycle: CUSTOMER -> CURRENCY -> CUSTOMER (through 'CURRENCY' as already stored). Remove one of these dependsOn entries.",
            error.Reason);
    }

    [Fact]
    public void Problems_are_all_listed_and_the_first_in_the_file_carries_the_location()
    {
        var error = LoadFails("""
            connections:
              erp: { provider: sqlite, connectionString: "Data Source=erp.db" }
            mappings:
              - name: CUSTOMER
                table:            { connection: erp, name: Customer, key: No }
                integrationTable: { connection: erp, name: account,  key: accountid }
                batchSize: 0
                fields:
                  - { field: Name }
            """, line: 7, column: 16);

        Assert.Equal(
            """
            Mapping 'CUSTOMER': 'batchSize' must be between 1 and 10000, not 0.
            1 more problem in this file:
              line 9, column 9: Mapping 'CUSTOMER', field mapping #1 needs both 'field' and 'integrationField'; only a constant writes one column without a source.
            """.ReplaceLineEndings("\n"),
            error.Reason);
    }
}
