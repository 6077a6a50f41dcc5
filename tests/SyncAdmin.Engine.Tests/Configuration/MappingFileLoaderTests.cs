using SyncAdmin.Engine.Configuration;

namespace SyncAdmin.Engine.Tests.Configuration;

public class MappingFileLoaderTests
{
    private const string FullFile = """
        connections:
          erp: { provider: sqlite,    connectionString: "Data Source=erp.db" }
          crm: { provider: SqlServer, connectionString: "Server=crm;Database=CRM;User ID=${env:CRM_USER};Password=${env:CRM_PASSWORD}" }
        mappings:
          - name: CURRENCY
            table:            { connection: erp, name: Currency, key: Code }
            integrationTable: { connection: crm, name: transactioncurrency, key: transactioncurrencyid }
            direction: FromIntegrationTable
            fields:
              - { field: Code, integrationField: isocurrencycode }
          - name: CUSTOMER
            table:            { connection: erp, name: Customer, key: No,        modifiedOn: LastModifiedAt, filter: { Blocked: 0 }, setModifiedOn: false }
            integrationTable: { connection: crm, name: account,  key: accountid, modifiedOn: modifiedon,     filter: { statecode: 0, parentid: ~ } }
            direction: bidirectional
            syncOnlyCoupledRecords: true
            updateConflictResolution: GetUpdateFromIntegration
            deletionConflictResolution: removecoupling
            dependsOn: [CURRENCY]
            matchOn: [{ field: Email, integrationField: emailaddress1 }]
            fieldLevelMerge: true
            skipAfterRepeatedFailures: 3
            watermarkOverlapSeconds: 10
            batchSize: 250
            fields:
              - { field: Name,  integrationField: name }
              - { integrationField: customertypecode, constant: 3, direction: ToIntegrationTable }
              - { field: CurrencyCode, integrationField: transactioncurrencyid, lookup: CURRENCY, clearValueOnFailedSync: true }
              - { field: Phone, integrationField: telephone1, direction: FromIntegrationTable }
        """;

    [Fact]
    public void A_full_file_fills_every_property_of_the_model()
    {
        var document = MappingFileLoader.Parse(FullFile, "full.yaml");

        Assert.Equal("full.yaml", document.SourcePath);
        Assert.Collection(document.Connections,
            erp =>
            {
                Assert.Equal("erp", erp.Name);
                Assert.Equal(ProviderKind.Sqlite, erp.Provider);
                Assert.Equal("Data Source=erp.db", erp.ConnectionString);
            },
            crm =>
            {
                Assert.Equal("crm", crm.Name);
                Assert.Equal(ProviderKind.SqlServer, crm.Provider);
                // Placeholders stay as written: they are resolved only when a connection opens.
                Assert.Equal("Server=crm;Database=CRM;User ID=${env:CRM_USER};Password=${env:CRM_PASSWORD}", crm.ConnectionString);
            });

        Assert.Equal(["CURRENCY", "CUSTOMER"], document.Mappings.Select(m => m.Name));
        var customer = document.Mappings[1];

        Assert.Equal("erp", customer.Table.Connection);
        Assert.Equal("Customer", customer.Table.Name);
        Assert.Equal("No", customer.Table.Key);
        Assert.Equal("LastModifiedAt", customer.Table.ModifiedOn);
        Assert.Equal(new Dictionary<string, string?> { ["Blocked"] = "0" }, customer.Table.Filter);
        Assert.False(customer.Table.SetModifiedOn);

        Assert.Equal("crm", customer.IntegrationTable.Connection);
        Assert.Equal("account", customer.IntegrationTable.Name);
        Assert.Equal("accountid", customer.IntegrationTable.Key);
        Assert.Equal("modifiedon", customer.IntegrationTable.ModifiedOn);
        Assert.Equal(new Dictionary<string, string?> { ["statecode"] = "0", ["parentid"] = null }, customer.IntegrationTable.Filter);
        Assert.True(customer.IntegrationTable.SetModifiedOn);

        Assert.Equal(SyncDirection.Bidirectional, customer.Direction);
        Assert.True(customer.SyncOnlyCoupledRecords);
        Assert.Equal(UpdateConflictResolution.GetUpdateFromIntegration, customer.UpdateConflictResolution);
        Assert.Equal(DeletionConflictResolution.RemoveCoupling, customer.DeletionConflictResolution);
        Assert.Equal(["CURRENCY"], customer.DependsOn);
        Assert.Equal([new MatchField { Field = "Email", IntegrationField = "emailaddress1" }], customer.MatchOn);
        Assert.True(customer.FieldLevelMerge);
        Assert.Equal(3, customer.SkipAfterRepeatedFailures);
        Assert.Equal(10, customer.WatermarkOverlapSeconds);
        Assert.Equal(250, customer.BatchSize);

        Assert.Equal(
            [
                new FieldMapping { Field = "Name", IntegrationField = "name" },
                new FieldMapping { IntegrationField = "customertypecode", Constant = "3", HasConstant = true, Direction = SyncDirection.ToIntegrationTable },
                new FieldMapping { Field = "CurrencyCode", IntegrationField = "transactioncurrencyid", Lookup = "CURRENCY", ClearValueOnFailedSync = true },
                new FieldMapping { Field = "Phone", IntegrationField = "telephone1", Direction = SyncDirection.FromIntegrationTable },
            ],
            customer.Fields);
    }

    [Fact]
    public void Settings_left_out_take_the_model_defaults()
    {
        var document = MappingFileLoader.Parse("""
            connections:
              erp: { provider: sqlite, connectionString: "Data Source=erp.db" }
            mappings:
              - name: ITEM
                table:            { connection: erp, name: Item, key: No }
                integrationTable: { connection: erp, name: product, key: productid }
            """, null);

        var item = Assert.Single(document.Mappings);
        Assert.Null(item.Table.ModifiedOn);
        Assert.Empty(item.Table.Filter);
        Assert.True(item.Table.SetModifiedOn);
        Assert.Equal(SyncDirection.Bidirectional, item.Direction);
        Assert.False(item.SyncOnlyCoupledRecords);
        Assert.Equal(UpdateConflictResolution.None, item.UpdateConflictResolution);
        Assert.Equal(DeletionConflictResolution.None, item.DeletionConflictResolution);
        Assert.Empty(item.DependsOn);
        Assert.Empty(item.MatchOn);
        Assert.False(item.FieldLevelMerge);
        Assert.Equal(2, item.SkipAfterRepeatedFailures);
        Assert.Equal(5, item.WatermarkOverlapSeconds);
        Assert.Equal(500, item.BatchSize);
        Assert.Empty(item.Fields);
    }

    [Fact]
    public void A_constant_gets_the_direction_of_its_one_column_and_may_be_null()
    {
        var document = MappingFileLoader.Parse("""
            connections:
              erp: { provider: sqlite, connectionString: "Data Source=erp.db" }
            mappings:
              - name: ITEM
                table:            { connection: erp, name: Item, key: No }
                integrationTable: { connection: erp, name: product, key: productid }
                fields:
                  - { integrationField: producttypecode, constant: ~ }
                  - { field: Source, constant: "CRM" }
                  - { field: Note, constant: "null" }
            """, null);

        var fields = document.Mappings[0].Fields;
        Assert.True(fields[0].HasConstant);
        Assert.Null(fields[0].Constant);
        Assert.Equal(SyncDirection.ToIntegrationTable, fields[0].Direction);
        Assert.Equal("CRM", fields[1].Constant);
        Assert.Equal(SyncDirection.FromIntegrationTable, fields[1].Direction);
        // Quoted, "null" is text, not YAML null.
        Assert.Equal("null", fields[2].Constant);
    }

    [Fact]
    public void Load_reads_a_file_and_keeps_a_relative_sqlite_path_as_written()
    {
        var path = Path.Combine(Path.GetTempPath(), $"syncadmin-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, """
            connections:
              erp: { provider: sqlite, connectionString: "Data Source=data/erp.db" }
            """);
        try
        {
            var document = MappingFileLoader.Load(path);

            Assert.Equal(path, document.SourcePath);
            Assert.Equal("Data Source=data/erp.db", Assert.Single(document.Connections).ConnectionString);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_of_a_missing_file_names_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"syncadmin-missing-{Guid.NewGuid():N}.yaml");

        var error = Assert.Throws<ConfigurationException>(() => MappingFileLoader.Load(path));

        Assert.Equal(path, error.File);
        Assert.StartsWith(path, error.Message);
        Assert.Contains("Cannot read the mapping file", error.Message);
    }

    [Fact]
    public void An_empty_file_is_an_error_rather_than_an_import_of_nothing()
    {
        var error = Assert.Throws<ConfigurationException>(() => MappingFileLoader.Parse("# only a comment\n", "empty.yaml"));

        Assert.Contains("empty", error.Reason);
        Assert.Equal("empty.yaml", error.File);
    }
}
