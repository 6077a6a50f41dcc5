using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.Providers.Sqlite;

namespace SyncAdmin.Engine.Tests.Providers;

/// <summary>The exact SQL the SQLite dialect sends.</summary>
public class SqliteDialectTests
{
    private static readonly SqliteDialect Dialect = SqliteDialect.Instance;

    private static readonly TableQuery Customer = new("Customer", "No", "Modified At", new[] { "No", "Modified At", "Name" },
        new[] { new ColumnCondition("Blocked", false), new ColumnCondition("Region", true) });

    private const string Select = "SELECT \"No\", \"Modified At\", \"Name\" FROM \"Customer\"";

    [Fact]
    public void Page_by_key_starts_with_the_filter_and_continues_after_the_last_key()
    {
        Assert.Equal(Select + " WHERE \"Blocked\" = @f0 AND \"Region\" IS NULL ORDER BY \"No\" LIMIT @limit",
            Dialect.SelectPage(Customer, PageOrder.ByKey, afterPosition: false));
        Assert.Equal(Select + " WHERE \"Blocked\" = @f0 AND \"Region\" IS NULL AND \"No\" > @afterKey ORDER BY \"No\" LIMIT @limit",
            Dialect.SelectPage(Customer, PageOrder.ByKey, afterPosition: true));
        Assert.Equal(Select + " ORDER BY \"No\" LIMIT @limit",
            Dialect.SelectPage(Customer with { Filter = Array.Empty<ColumnCondition>() }, PageOrder.ByKey, afterPosition: false));
    }

    [Fact]
    public void Page_by_modified_on_is_a_keyset_over_modified_on_and_key()
    {
        Assert.Equal(Select + " WHERE \"Blocked\" = @f0 AND \"Region\" IS NULL AND \"Modified At\" >= @since ORDER BY \"Modified At\", \"No\" LIMIT @limit",
            Dialect.SelectPage(Customer, PageOrder.ByModifiedOn, afterPosition: false));
        Assert.Equal(Select + " WHERE \"Blocked\" = @f0 AND \"Region\" IS NULL AND \"Modified At\" >= @since"
            + " AND (\"Modified At\" > @afterOn OR (\"Modified At\" = @afterOn AND \"No\" > @afterKey)) ORDER BY \"Modified At\", \"No\" LIMIT @limit",
            Dialect.SelectPage(Customer, PageOrder.ByModifiedOn, afterPosition: true));
    }

    [Fact]
    public void Read_by_keys_and_matches_ignore_the_filter()
    {
        Assert.Equal(Select + " WHERE \"No\" IN (@k0, @k1, @k2)", Dialect.SelectByKeys(Customer, 3));
        Assert.Equal(Select + " WHERE \"Email\" IN (@k0, @k1)", Dialect.SelectIn(Customer, "Email", 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Dialect.SelectByKeys(Customer, SqlDialect.MaxKeysPerStatement + 1));
        Assert.Equal(Select + " WHERE \"Email\" = @m0 AND \"Phone\" IS NULL ORDER BY \"No\" LIMIT @limit",
            Dialect.SelectMatches(Customer, new[] { new ColumnCondition("Email", false), new ColumnCondition("Phone", true) }));
    }

    [Fact]
    public void Writes_are_parameterised_and_insert_returns_an_assigned_key()
    {
        Assert.Equal("INSERT INTO \"Customer\" (\"No\", \"Name\") VALUES (@v0, @v1)",
            Dialect.Insert("Customer", new[] { "No", "Name" }, returnedKey: null));
        Assert.Equal("INSERT INTO \"Item\" (\"Name\") VALUES (@v0) RETURNING \"Id\"",
            Dialect.Insert("Item", new[] { "Name" }, returnedKey: "Id"));
        Assert.Equal("INSERT INTO \"Item\" DEFAULT VALUES RETURNING \"Id\"", Dialect.Insert("Item", Array.Empty<string>(), "Id"));
        Assert.Equal("UPDATE \"Customer\" SET \"Name\" = @v0, \"Modified At\" = @v1 WHERE \"No\" = @key",
            Dialect.Update("Customer", "No", new[] { "Name", "Modified At" }));
        Assert.Equal("DELETE FROM \"Customer\" WHERE \"No\" = @key", Dialect.Delete("Customer", "No"));
        Assert.Equal("SELECT \"Modified At\" FROM \"Customer\" WHERE \"Modified At\" IS NOT NULL LIMIT 1",
            Dialect.SelectSample("Customer", "Modified At"));
    }

    [Theory]
    [InlineData("Customer; DROP TABLE x")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("main.Customer")]
    [InlineData("Cust\"omer")]
    [InlineData(" Customer")]
    [InlineData("Name--")]
    public void Rejects_identifiers_that_could_carry_sql(string name)
    {
        var error = Assert.Throws<ConfigurationException>(() => Dialect.QuoteTable(name));
        Assert.Contains($"'{name}'", error.Message);
        Assert.Throws<ConfigurationException>(() => Dialect.QuoteColumn(name));
    }

    [Fact]
    public void Accepts_business_central_table_names()
    {
        const string name = "CRONUS International Ltd_$Customer$437dbf0e-84ff-417a-965d-ed2bb9650972";
        Assert.Equal($"\"{name}\"", Dialect.QuoteTable(name));
    }

    [Fact]
    public void Quotes_names_with_spaces_and_rejects_overlong_ones()
    {
        Assert.Equal("\"Customer Ledger Entry\"", Dialect.QuoteTable("Customer Ledger Entry"));
        Assert.Equal("\"Straße_1\"", Dialect.QuoteColumn("Straße_1"));
        Dialect.QuoteColumn(new string('x', SqlDialect.MaxIdentifierLength));
        var error = Assert.Throws<ConfigurationException>(() => Dialect.QuoteColumn(new string('x', SqlDialect.MaxIdentifierLength + 1)));
        Assert.Contains("longer than 128", error.Message);
    }

    [Theory]
    [InlineData("INTEGER", ColumnType.Integer)]
    [InlineData("bigint", ColumnType.Integer)]
    [InlineData("VARCHAR(20)", ColumnType.Text)]
    [InlineData("CLOB", ColumnType.Text)]
    [InlineData("", ColumnType.Text)]
    [InlineData("BLOB", ColumnType.Binary)]
    [InlineData("DOUBLE PRECISION", ColumnType.Real)]
    [InlineData("FLOAT", ColumnType.Real)]
    [InlineData("DECIMAL(10,2)", ColumnType.Decimal)]
    [InlineData("NUMERIC", ColumnType.Decimal)]
    [InlineData("BOOLEAN", ColumnType.Boolean)]
    [InlineData("DATETIME", ColumnType.DateTime)]
    [InlineData("TIMESTAMP", ColumnType.DateTime)]
    [InlineData("GUID", ColumnType.Guid)]
    [InlineData("UNIQUEIDENTIFIER", ColumnType.Guid)]
    [InlineData("STRING", ColumnType.Text)]
    public void Maps_declared_types_by_affinity_and_conventional_names(string declared, ColumnType expected) =>
        Assert.Equal(expected, SqliteColumnTypes.From(declared));

    [Theory]
    [InlineData("2024-05-01T10:00:00.123Z", "2024-05-01T10:00:00.123Z")]
    [InlineData("2024-05-01 10:00:00", "2024-05-01 10:00:00")]
    [InlineData("2024-05-01T10:00:00+00:00", "2024-05-01T10:00:00+00:00")]
    [InlineData("2024-05-01 10:00:00.1234567", "2024-05-01 10:00:00.1234567")]
    [InlineData("not a time", "2024-05-01T10:00:00.123Z")]
    public void Writes_times_in_the_layout_found_in_the_column(string sample, string expected) =>
        Assert.Equal(expected, TimeTextLayout.Detect(sample).Format(new DateTime(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc).AddTicks(1_234_567)));
}
