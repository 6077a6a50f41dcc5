using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.Providers.Sqlite;

namespace SyncAdmin.Engine.Tests.Providers;

/// <summary>Schema introspection and name checks against real SQLite tables.</summary>
public class SqliteSchemaTests
{
    [Fact]
    public void Reads_column_types_nullability_keys_and_generated_columns()
    {
        using var db = new SqliteDatabase(
            "CREATE TABLE Sample (Id INTEGER PRIMARY KEY, Code VARCHAR(10) NOT NULL, Amount NUMERIC, Active BOOL, At DATETIME, " +
            "Ref UNIQUEIDENTIFIER, Photo BLOB, Ratio DOUBLE, Loose, Twice INT GENERATED ALWAYS AS (Id * 2)); " +
            "CREATE TABLE Pair (A INT, B INT, PRIMARY KEY (A, B));");
        using var connection = db.Open();

        var schema = SqliteDialect.Instance.ReadSchema(connection, "sample", "erp");

        Assert.Equal(
            new[] { ColumnType.Integer, ColumnType.Text, ColumnType.Decimal, ColumnType.Boolean, ColumnType.DateTime,
                    ColumnType.Guid, ColumnType.Binary, ColumnType.Real, ColumnType.Text, ColumnType.Integer },
            schema.Columns.Select(c => c.Type));
        Assert.True(schema.Get("id") is { IsPrimaryKey: true, IsGenerated: true, IsNullable: false });
        Assert.True(schema.Get("Code") is { IsNullable: false, IsGenerated: false, DeclaredType: "VARCHAR(10)" });
        Assert.True(schema.Get("Twice").IsGenerated);
        Assert.False(schema.Get("Amount").IsGenerated);
        // Only a lone INTEGER PRIMARY KEY aliases the rowid.
        Assert.All(SqliteDialect.Instance.ReadSchema(connection, "Pair", "erp").Columns, c => Assert.False(c.IsGenerated));
    }

    [Fact]
    public void A_missing_table_or_column_is_named_in_the_error()
    {
        using var db = new SqliteDatabase("CREATE TABLE Customer (No TEXT PRIMARY KEY, Name TEXT, LastModifiedAt TEXT)");
        var customer = new TableDefinition { Connection = "erp", Name = "Customer", Key = "No", ModifiedOn = "LastModifiedAt" };

        var table = Assert.Throws<ConfigurationException>(() => db.OpenTable(customer with { Name = "Vendor" }));
        var column = Assert.Throws<ConfigurationException>(() => db.OpenTable(customer, "Name", "Phone"));
        var modifiedOn = Assert.Throws<ConfigurationException>(() => db.OpenTable(customer with { ModifiedOn = "ChangedAt" }));
        var filter = Assert.Throws<ConfigurationException>(() => db.OpenTable(customer with { Filter = new Dictionary<string, string?> { ["Blocked"] = "0" } }));

        Assert.Contains("'Vendor'", table.Message);
        Assert.Contains("'erp'", table.Message);
        Assert.Contains("'Customer'", column.Message);
        Assert.Contains("'Phone'", column.Message);
        Assert.Contains("'ChangedAt'", modifiedOn.Message);
        Assert.Contains("'Blocked'", filter.Message);
    }

    [Fact]
    public void Injection_in_a_table_name_is_refused_and_nothing_runs()
    {
        using var db = new SqliteDatabase("CREATE TABLE Customer (No TEXT PRIMARY KEY); CREATE TABLE x (Id INT);");

        var error = Assert.Throws<ConfigurationException>(() =>
            db.OpenTable(new TableDefinition { Connection = "erp", Name = "Customer; DROP TABLE x", Key = "No" }));
        var column = Assert.Throws<ConfigurationException>(() =>
            db.OpenTable(new TableDefinition { Connection = "erp", Name = "Customer", Key = "No\"; DROP TABLE x; --" }));

        Assert.Contains("'Customer; DROP TABLE x'", error.Message);
        Assert.NotNull(column);
        Assert.Equal(1L, db.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'x'"));
    }

    [Fact]
    public void Names_with_spaces_work_end_to_end()
    {
        using var db = new SqliteDatabase(
            "CREATE TABLE \"Customer Ledger Entry\" (\"Entry No\" INTEGER PRIMARY KEY, \"Customer Name\" TEXT, \"Is Open\" BOOLEAN, \"Modified At\" TEXT)");
        var table = db.OpenTable(new TableDefinition
        {
            Connection = "erp", Name = "Customer Ledger Entry", Key = "Entry No", ModifiedOn = "Modified At",
            Filter = new Dictionary<string, string?> { ["Is Open"] = "true" },
        }, "Customer Name");

        using (var writer = table.BeginWrite())
        {
            var open = writer.Insert(new Dictionary<string, object?> { ["Customer Name"] = "Ann", ["Is Open"] = true });
            writer.Insert(new Dictionary<string, object?> { ["Customer Name"] = "Bob", ["Is Open"] = false });
            Assert.True(writer.Update(open, new Dictionary<string, object?> { ["Customer Name"] = "Ann B." }));
            writer.Commit();
        }

        var row = table.ReadPage(new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc), null, 10).Single();
        Assert.Equal("Ann B.", row["customer name"]);
        Assert.Equal(1L, row.Key);
        Assert.NotNull(row.ModifiedOn);
    }
}
