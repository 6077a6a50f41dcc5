using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.Sync;

public class KeyAndTimeTypeTests
{
    private const string IntegerKeyed = """
        connections:
          a: { provider: sqlite, connectionString: "Data Source={erp}" }
          b: { provider: sqlite, connectionString: "Data Source={crm}" }
        mappings:
          - name: ITEM
            table:            { connection: a, name: Item, key: Id, modifiedOn: ChangedMs }
            integrationTable: { connection: b, name: product, key: productid, modifiedOn: modifiedon }
            direction: Bidirectional
            fields:
              - { field: Id, integrationField: productnumber, direction: ToIntegrationTable }
              - { field: Description, integrationField: name }
              - { field: Price, integrationField: price }
              - { field: Available, integrationField: isavailable }
              - { field: ReleasedAt, integrationField: releasedon }
        """;

    [Fact]
    public void Integer_keys_epoch_millisecond_stamps_and_mixed_types_round_trip_both_ways()
    {
        using var s = new SyncScenario(
            erpSchema: "CREATE TABLE Item(Id INTEGER PRIMARY KEY, Description TEXT, Price NUMERIC, Available BOOLEAN, ReleasedAt DATETIME, ChangedMs INTEGER);",
            crmSchema: "CREATE TABLE product(productid UNIQUEIDENTIFIER PRIMARY KEY, productnumber INTEGER, name TEXT, price DECIMAL, isavailable INTEGER, releasedon TEXT, modifiedon TEXT);",
            mappings: IntegerKeyed);
        s.Erp.Insert("Item", ("Id", 7), ("Description", "Bolt"), ("Price", "1.50"), ("Available", 1), ("ReleasedAt", "2026-02-03T04:05:06.789Z"),
            ("ChangedMs", TestDatabase.Stamp(true)));

        var jobs = s.Run();

        Assert.Equal(1, jobs[0].Inserted);
        var product = s.Crm.Rows("product").Single();
        Assert.Equal(7L, product["productnumber"]);
        Assert.Equal("Bolt", product["name"]);
        Assert.True(Guid.TryParse((string)product["productid"]!, out _));
        Assert.Equal(0, jobs[1].Modified + jobs[1].Unchanged + jobs[1].Failed);

        s.Crm.Update("product", "productid", product["productid"]!, "modifiedon", false, ("price", "2.25"), ("isavailable", 0));
        var back = s.Run();

        Assert.Equal(1, back[1].Modified);
        var item = s.Erp.Row("Item", "Id", 7)!;
        Assert.Equal(2.25, Convert.ToDouble(item["Price"]));
        Assert.Equal(0L, item["Available"]);
        Assert.Equal(0, s.Run().Sum(j => j.Modified + j.Failed + j.Unchanged));
    }
}
