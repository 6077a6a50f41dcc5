using System.Data;
using Microsoft.Data.SqlClient;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.Providers.SqlServer;

namespace SyncAdmin.Engine.Tests.Providers;

/// <summary>The exact SQL the SQL Server dialect sends, and how its parameters are typed (no server needed).</summary>
public class SqlServerDialectTests
{
    private static readonly SqlServerDialect Dialect = SqlServerDialect.Instance;

    private static readonly TableQuery Account = new("crm.account", "accountid", "modifiedon", new[] { "accountid", "modifiedon", "name" },
        new[] { new ColumnCondition("statecode", false), new ColumnCondition("parentid", true) });

    [Fact]
    public void Page_by_key_uses_top_and_continues_after_the_last_key()
    {
        Assert.Equal("SELECT TOP (@limit) [accountid], [modifiedon], [name] FROM [crm].[account] WHERE [statecode] = @f0 AND [parentid] IS NULL ORDER BY [accountid]",
            Dialect.SelectPage(Account, PageOrder.ByKey, afterPosition: false));
        Assert.Equal("SELECT TOP (@limit) [accountid], [modifiedon], [name] FROM [crm].[account] WHERE [statecode] = @f0 AND [parentid] IS NULL AND [accountid] > @afterKey ORDER BY [accountid]",
            Dialect.SelectPage(Account, PageOrder.ByKey, afterPosition: true));
    }

    [Fact]
    public void Page_by_modified_on_is_a_keyset_over_modified_on_and_key()
    {
        Assert.Equal("SELECT TOP (@limit) [accountid], [modifiedon], [name] FROM [crm].[account] WHERE [statecode] = @f0 AND [parentid] IS NULL"
            + " AND [modifiedon] >= @since AND ([modifiedon] > @afterOn OR ([modifiedon] = @afterOn AND [accountid] > @afterKey)) ORDER BY [modifiedon], [accountid]",
            Dialect.SelectPage(Account, PageOrder.ByModifiedOn, afterPosition: true));
    }

    [Fact]
    public void Read_by_keys_and_matches()
    {
        Assert.Equal("SELECT [accountid], [modifiedon], [name] FROM [crm].[account] WHERE [accountid] IN (@k0, @k1)", Dialect.SelectByKeys(Account, 2));
        Assert.Equal("SELECT TOP (@limit) [accountid], [modifiedon], [name] FROM [crm].[account] WHERE [emailaddress1] = @m0 ORDER BY [accountid]",
            Dialect.SelectMatches(Account, new[] { new ColumnCondition("emailaddress1", false) }));
        Assert.Equal("SELECT TOP (1) [modifiedon] FROM [crm].[account] WHERE [modifiedon] IS NOT NULL", Dialect.SelectSample("crm.account", "modifiedon"));
    }

    [Fact]
    public void Insert_returns_an_assigned_key_through_output_into_so_triggers_are_allowed()
    {
        Assert.Equal("INSERT INTO [dbo].[Customer] ([No], [Name]) VALUES (@v0, @v1)",
            Dialect.Insert("dbo.Customer", new[] { "No", "Name" }, returnedKey: null));
        Assert.Equal("DECLARE @inserted TABLE ([k] sql_variant); INSERT INTO [dbo].[Customer] ([Name]) OUTPUT INSERTED.[Id] INTO @inserted VALUES (@v0); SELECT [k] FROM @inserted;",
            Dialect.Insert("dbo.Customer", new[] { "Name" }, returnedKey: "Id"));
        Assert.Equal("DECLARE @inserted TABLE ([k] sql_variant); INSERT INTO [Customer] OUTPUT INSERTED.[Id] INTO @inserted DEFAULT VALUES; SELECT [k] FROM @inserted;",
            Dialect.Insert("Customer", Array.Empty<string>(), returnedKey: "Id"));
        Assert.Equal("UPDATE [dbo].[Customer] SET [Name] = @v0 WHERE [No] = @key", Dialect.Update("dbo.Customer", "No", new[] { "Name" }));
        Assert.Equal("DELETE FROM [dbo].[Customer] WHERE [No] = @key", Dialect.Delete("dbo.Customer", "No"));
    }

    [Theory]
    [InlineData("Customer; DROP TABLE x")]
    [InlineData("db.dbo.Customer")]
    [InlineData("dbo.")]
    [InlineData("[dbo].Customer")]
    [InlineData("Cust]omer")]
    public void Rejects_bad_table_names_naming_them(string name)
    {
        var error = Assert.Throws<ConfigurationException>(() => Dialect.QuoteTable(name));
        Assert.Contains($"'{name}'", error.Message);
    }

    [Fact]
    public void Quotes_one_and_two_part_names_but_columns_have_one_part()
    {
        Assert.Equal("[Customer Ledger Entry]", Dialect.QuoteTable("Customer Ledger Entry"));
        Assert.Equal("[sales].[Order Line]", Dialect.QuoteTable("sales.Order Line"));
        Assert.Throws<ConfigurationException>(() => Dialect.QuoteColumn("dbo.Name"));
    }

    [Theory]
    [InlineData("int", 4, 10, 0, "int", ColumnType.Integer)]
    [InlineData("nvarchar", 100, 0, 0, "nvarchar(50)", ColumnType.Text)]
    [InlineData("nvarchar", -1, 0, 0, "nvarchar(max)", ColumnType.Text)]
    [InlineData("varchar", 20, 0, 0, "varchar(20)", ColumnType.Text)]
    [InlineData("decimal", 9, 18, 2, "decimal(18,2)", ColumnType.Decimal)]
    [InlineData("datetime2", 8, 27, 7, "datetime2(7)", ColumnType.DateTime)]
    [InlineData("datetimeoffset", 10, 34, 7, "datetimeoffset(7)", ColumnType.DateTime)]
    [InlineData("uniqueidentifier", 16, 0, 0, "uniqueidentifier", ColumnType.Guid)]
    [InlineData("bit", 1, 1, 0, "bit", ColumnType.Boolean)]
    [InlineData("float", 8, 53, 0, "float", ColumnType.Real)]
    [InlineData("varbinary", 16, 0, 0, "varbinary(16)", ColumnType.Binary)]
    [InlineData("timestamp", 8, 0, 0, "timestamp", ColumnType.Binary)]
    public void Declares_and_maps_column_types(string type, int maxLength, int precision, int scale, string declared, ColumnType expected)
    {
        Assert.Equal(declared, SqlServerColumnTypes.Declare(type, maxLength, precision, scale));
        Assert.Equal(expected, SqlServerColumnTypes.From(declared));
    }

    [Fact]
    public void Parameters_carry_the_column_type_so_varchar_indexes_seek()
    {
        var storage = new SqlServerColumnStorage(new ColumnSchema("No", ColumnType.Text, "varchar(20)", false, true, false));
        var parameter = new SqlParameter();
        storage.Configure(parameter);
        Assert.Equal(SqlDbType.VarChar, parameter.SqlDbType);
        Assert.Equal(20, parameter.Size);

        var amount = new SqlServerColumnStorage(new ColumnSchema("Amount", ColumnType.Decimal, "decimal(18,2)", true, false, false));
        amount.Configure(parameter);
        Assert.Equal(SqlDbType.Decimal, parameter.SqlDbType);
        Assert.Equal((byte)18, parameter.Precision);
        Assert.Equal((byte)2, parameter.Scale);
    }

    [Fact]
    public void Values_that_do_not_fit_fail_before_reaching_the_server()
    {
        var name = new SqlServerColumnStorage(new ColumnSchema("Name", ColumnType.Text, "nvarchar(5)", true, false, false));
        Assert.Equal("short", name.ToParameterValue("short"));
        Assert.Throws<ValueConversionException>(() => name.ToParameterValue("too long"));

        var amount = new SqlServerColumnStorage(new ColumnSchema("Amount", ColumnType.Decimal, "decimal(5,2)", true, false, false));
        Assert.Equal(1.24m, amount.ToParameterValue(1.235m));
        Assert.Equal(-1.24m, amount.ToParameterValue("-1.235"));
        Assert.Throws<ValueConversionException>(() => amount.ToParameterValue(1234.5m));

        var count = new SqlServerColumnStorage(new ColumnSchema("Count", ColumnType.Integer, "smallint", true, false, false));
        Assert.Equal((short)7, count.ToParameterValue(7L));
        Assert.Throws<ValueConversionException>(() => count.ToParameterValue(70000L));

        var at = new SqlServerColumnStorage(new ColumnSchema("At", ColumnType.DateTime, "datetimeoffset(7)", true, false, false));
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero), at.ToParameterValue("2024-05-01T12:00:00+02:00"));
        Assert.Equal(DBNull.Value, at.ToParameterValue(null));
    }

    [Fact]
    public void Setup_checks_ask_the_server_about_the_login_its_permissions_indexes_and_clock()
    {
        Assert.Equal("[dbo].[CRONUS$Customer$437dbf0e-84ff-417a-965d-ed2bb9650972]",
            Dialect.InspectedTableName("dbo.CRONUS$Customer$437dbf0e-84ff-417a-965d-ed2bb9650972"));
        var account = Dialect.AccountQuery;
        Assert.Contains("SUSER_SNAME()", account);
        Assert.Contains("IS_SRVROLEMEMBER('sysadmin')", account);
        Assert.Contains("IS_MEMBER('db_owner')", account);
        Assert.Contains("LOGINPROPERTY(SUSER_SNAME(), 'IsMustChange')", account);
        Assert.Contains("LOGINPROPERTY(SUSER_SNAME(), 'DaysUntilExpiration')", account);
        foreach (var permission in new[] { "SELECT", "INSERT", "UPDATE", "DELETE" })
            Assert.Contains($"HAS_PERMS_BY_NAME(@table, 'OBJECT', '{permission}')", Dialect.PermissionQuery);
        Assert.Contains("OBJECT_ID(@table)", Dialect.IndexLeadingColumns);
        Assert.Contains("key_ordinal = 1", Dialect.IndexLeadingColumns);
        Assert.Equal("SELECT SYSUTCDATETIME()", Dialect.UtcNow);
    }

    [Fact]
    public void Counts_distinct_values_and_write_probes()
    {
        Assert.Equal("SELECT count(*) FROM [crm].[account] WHERE [statecode] = @f0 AND [parentid] IS NULL AND [modifiedon] >= @since",
            Dialect.SelectCount(Account, filtered: true, since: true));
        Assert.Equal("SELECT count(*) FROM [crm].[account]", Dialect.SelectCount(Account, filtered: false, since: false));
        Assert.Equal("SELECT TOP (50) [name] FROM (SELECT DISTINCT [name] FROM [crm].[account] WHERE [statecode] = @f0 AND [parentid] IS NULL AND [name] IS NOT NULL) AS d",
            Dialect.SelectDistinct(Account, "name", 50));
        Assert.Equal(new[]
        {
            "UPDATE [crm].[account] SET [accountid] = [accountid] WHERE 1 = 0",
            "DELETE FROM [crm].[account] WHERE 1 = 0",
            "INSERT INTO [crm].[account] ([accountid]) SELECT [accountid] FROM [crm].[account] WHERE 1 = 0",
        }, Dialect.WriteProbes("crm.account", "accountid"));
    }
}
