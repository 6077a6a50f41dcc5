using System.Data.Common;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;

namespace SyncAdmin.Engine.Tests.Providers;

/// <summary>The SQL Server path end to end, against the server in <c>SYNCADMIN_TEST_SQLSERVER</c>. Each test works in
/// tables of its own, dropped afterwards.</summary>
public sealed class SqlServerIntegrationTests : IDisposable
{
    private const int Rows = 2500;
    private const int PageSize = 1000;
    private static readonly DateTime Start = new(2024, 5, 1, 8, 0, 0, DateTimeKind.Utc);

    private readonly string _suffix = Guid.NewGuid().ToString("N")[..12];
    private readonly List<string> _tables = new();
    private readonly DbConnection _admin;
    private readonly List<IDisposable> _opened = new();

    public SqlServerIntegrationTests()
    {
        _admin = Open();
    }

    private static ConnectionDefinition Definition => new()
    {
        Name = "sqlserver-test", Provider = ProviderKind.SqlServer, ConnectionString = SqlServerFactAttribute.ConnectionString!,
    };

    private DbConnection Open()
    {
        var connection = DatabaseConnections.Open(Definition);
        _opened.Add(connection);
        return connection;
    }

    /// <summary>Creates dbo.[{name} {suffix}] and returns its name.</summary>
    private string CreateTable(string name, string columns, string? afterCreate = null)
    {
        var table = $"dbo.{name} {_suffix}";
        _tables.Add(table);
        Execute($"CREATE TABLE [dbo].[{name} {_suffix}] ({columns})");
        if (afterCreate is not null) Execute(afterCreate.Replace("{table}", $"[dbo].[{name} {_suffix}]"));
        return table;
    }

    private void Execute(string sql)
    {
        using var command = _admin.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using var command = _admin.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    private IRecordTable OpenTable(TableDefinition table, params string[] columns)
    {
        var opened = DatabaseConnections.OpenTable(Open(), ProviderKind.SqlServer, table, columns);
        _opened.Add(opened);
        return opened;
    }

    private string CustomerTable() => CreateTable("Customer",
        "Id int IDENTITY PRIMARY KEY, No varchar(20) NOT NULL UNIQUE, Name nvarchar(50) NOT NULL, Amount decimal(18,2) NULL, " +
        "Active bit NOT NULL DEFAULT 0, ModifiedOn datetime2(3) NULL",
        "WITH n AS (SELECT TOP (2500) ROW_NUMBER() OVER (ORDER BY (SELECT NULL)) - 1 AS i FROM sys.all_objects a CROSS JOIN sys.all_objects b) " +
        "INSERT INTO {table} (No, Name, Amount, Active, ModifiedOn) " +
        "SELECT 'C' + RIGHT('0000' + CAST(2500 - i AS varchar(4)), 4), CONCAT('Customer ', i), i / 100.0, i % 2, " +
        "DATEADD(second, i / 7, '2024-05-01T08:00:00') FROM n");

    [SqlServerFact]
    public void Pages_by_key_and_by_modified_on_with_ties_and_filter()
    {
        var name = CustomerTable();
        var byNo = OpenTable(new TableDefinition { Connection = "sqlserver-test", Name = name, Key = "No", ModifiedOn = "ModifiedOn" }, "Name");
        var active = OpenTable(new TableDefinition
        {
            Connection = "sqlserver-test", Name = name, Key = "No", ModifiedOn = "ModifiedOn",
            Filter = new Dictionary<string, string?> { ["Active"] = "1" },
        }, "Active");

        var all = ReadAll(byNo, null);
        var since = ReadAll(byNo, Start.AddSeconds(100)); // rows 700..2499
        var filtered = ReadAll(active, Start);

        Assert.Equal(Enumerable.Range(1, Rows).Select(n => $"C{n:0000}"), all.Select(r => (string)r.Key));
        Assert.Equal(Rows - 700, since.Count);
        Assert.Equal(since.Count, since.Select(r => r.Key).Distinct().Count());
        Assert.Equal(since.OrderBy(r => r.ModifiedOn).ThenBy(r => (string)r.Key, StringComparer.Ordinal).Select(r => r.Key), since.Select(r => r.Key));
        Assert.All(since, r => Assert.True(r.ModifiedOn >= Start.AddSeconds(100)));
        Assert.Equal(Rows / 2, filtered.Count);
        Assert.All(filtered, r => Assert.Equal(true, r["Active"]));
        Assert.Equal(1200, byNo.ReadByKeys(Enumerable.Range(1, 1200).Select(n => (object)$"C{n * 2:0000}").ToList()).Count);
    }

    [SqlServerFact]
    public void Identity_keys_writes_and_record_errors_in_one_transaction()
    {
        var name = CreateTable("Item", "Id int IDENTITY PRIMARY KEY, No varchar(20) NOT NULL UNIQUE, Name nvarchar(10) NOT NULL, Amount decimal(9,2) NULL, ModifiedOn datetime2(3) NULL");
        var table = OpenTable(new TableDefinition { Connection = "sqlserver-test", Name = name, Key = "Id", ModifiedOn = "ModifiedOn" }, "No", "Name", "Amount");
        Assert.True(table.Schema.Get("Id").IsGenerated);

        object first, second;
        using (var writer = table.BeginWrite())
        {
            first = writer.Insert(new Dictionary<string, object?> { ["No"] = "I1", ["Name"] = "Bolt", ["Amount"] = 1.235m });
            Assert.Throws<RecordWriteException>(() => writer.Insert(new Dictionary<string, object?> { ["No"] = "I1", ["Name"] = "Duplicate" }));
            Assert.Throws<RecordWriteException>(() => writer.Insert(new Dictionary<string, object?> { ["No"] = "I2", ["Name"] = null }));
            Assert.Throws<RecordWriteException>(() => writer.Insert(new Dictionary<string, object?> { ["No"] = "I3", ["Name"] = "Far too long a name" }));
            second = writer.Insert(new Dictionary<string, object?> { ["No"] = "I4", ["Name"] = "Nut" });
            Assert.True(writer.Update(first, new Dictionary<string, object?> { ["Name"] = "Bolt M8" }));
            Assert.Throws<RecordWriteException>(() => writer.Update(second, new Dictionary<string, object?> { ["No"] = "I1" }));
            Assert.True(writer.Delete(second));
            Assert.False(writer.Delete(999_999L));
            writer.Commit();
        }

        Assert.IsType<long>(first);
        var row = table.ReadByKeys(new[] { first }).Single();
        Assert.Equal("Bolt M8", row["Name"]);
        Assert.Equal(1.24m, row["Amount"]);
        Assert.NotNull(row.ModifiedOn);
        Assert.Equal(1, Scalar($"SELECT COUNT(*) FROM [dbo].[Item {_suffix}]"));
        Assert.Equal((long)(int)Scalar($"SELECT MAX(Id) FROM [dbo].[Item {_suffix}]")!, table.ParseKey(first.ToString()!));
    }

    [SqlServerFact]
    public void Server_assigned_guid_keys_come_back_through_a_table_with_a_trigger()
    {
        var name = CreateTable("Contact", "Id uniqueidentifier NOT NULL DEFAULT NEWID() PRIMARY KEY, Name nvarchar(50) NULL, ModifiedOn datetime2(3) NULL",
            "CREATE TRIGGER [Contact stamp " + _suffix + "] ON {table} AFTER INSERT, UPDATE AS BEGIN SET NOCOUNT ON; " +
            "UPDATE c SET ModifiedOn = SYSUTCDATETIME() FROM {table} AS c JOIN inserted AS i ON i.Id = c.Id; END");
        var table = OpenTable(new TableDefinition
        {
            Connection = "sqlserver-test", Name = name, Key = "Id", ModifiedOn = "ModifiedOn", SetModifiedOn = false,
        }, "Name");

        object key;
        using (var writer = table.BeginWrite())
        {
            key = writer.Insert(new Dictionary<string, object?> { ["Name"] = "Ann" });
            writer.Commit();
        }

        var row = Assert.Single(table.ReadPage(Start, null, 10));
        Assert.IsType<Guid>(key);
        Assert.Equal(key, row.Key);
        Assert.Equal("Ann", row["Name"]);
    }

    [SqlServerFact]
    public void Inspection_reads_the_login_permissions_indexes_clock_and_probes_writes_without_changing_a_row()
    {
        var name = CustomerTable();
        Execute($"CREATE INDEX [ix modified {_suffix}] ON [dbo].[Customer {_suffix}] (ModifiedOn)");
        var table = (ITableInspection)OpenTable(new TableDefinition { Connection = "sqlserver-test", Name = name, Key = "No", ModifiedOn = "ModifiedOn" }, "Name");

        var account = table.Account();
        Assert.NotNull(account);
        Assert.Equal(Scalar("SELECT SUSER_SNAME()"), account!.Login);
        Assert.Equal(Convert.ToInt32(Scalar("SELECT IS_SRVROLEMEMBER('sysadmin')")) == 1, account.IsServerAdministrator);
        Assert.Empty(table.MissingPermissions()!); // the test login created the table
        Assert.Contains("No", table.IndexedLeadingColumns());
        Assert.Contains("ModifiedOn", table.IndexedLeadingColumns());
        Assert.DoesNotContain("Name", table.IndexedLeadingColumns());
        Assert.True(Math.Abs((table.DatabaseUtcNow() - DateTime.UtcNow).TotalMinutes) < 10);
        Assert.Equal(Rows, table.Count());
        Assert.Equal(Rows - 700, table.CountSince(Start.AddSeconds(100)));
        Assert.Equal(Rows, table.DistinctValues("Name", Rows + 10).Count);
        Assert.Null(table.WriteRefusal());
        Assert.Equal(Rows, Convert.ToInt32(Scalar($"SELECT COUNT(*) FROM [dbo].[Customer {_suffix}]")));
    }

    [SqlServerFact]
    public void Reads_the_schema_and_names_missing_tables()
    {
        var name = CreateTable("Typed",
            "Id bigint PRIMARY KEY, Code varchar(10) NOT NULL, Title nvarchar(max), Amount numeric(10,3), Flag bit, At datetimeoffset(3), " +
            "Ref uniqueidentifier, Data varbinary(max), Score float, Version rowversion, Twice AS (Id * 2)");
        using var connection = Open();

        var schema = SqlDialect.For(ProviderKind.SqlServer).ReadSchema(connection, name, "sqlserver-test");
        var missing = Assert.Throws<ConfigurationException>(() =>
            SqlDialect.For(ProviderKind.SqlServer).ReadSchema(connection, "dbo.NoSuchTable " + _suffix, "sqlserver-test"));

        Assert.Equal(
            new[] { ColumnType.Integer, ColumnType.Text, ColumnType.Text, ColumnType.Decimal, ColumnType.Boolean, ColumnType.DateTime,
                    ColumnType.Guid, ColumnType.Binary, ColumnType.Real, ColumnType.Binary, ColumnType.Integer },
            schema.Columns.Select(c => c.Type));
        Assert.Equal("varchar(10)", schema.Get("Code").DeclaredType);
        Assert.Equal("numeric(10,3)", schema.Get("Amount").DeclaredType);
        Assert.True(schema.Get("Id").IsPrimaryKey);
        Assert.True(schema.Get("Version").IsGenerated);
        Assert.True(schema.Get("Twice").IsGenerated);
        Assert.Contains("sqlserver-test", missing.Message);
    }

    private static List<Row> ReadAll(IRecordTable table, DateTime? since)
    {
        var rows = new List<Row>();
        PagePosition? after = null;
        while (true)
        {
            var page = table.ReadPage(since, after, PageSize);
            rows.AddRange(page);
            if (page.Count < PageSize) return rows;
            after = new PagePosition(page[^1].ModifiedOn, page[^1].Key);
        }
    }

    public void Dispose()
    {
        for (var i = _opened.Count - 1; i >= 1; i--) _opened[i].Dispose();
        foreach (var table in _tables)
        {
            try
            {
                Execute($"DROP TABLE IF EXISTS {SqlDialect.For(ProviderKind.SqlServer).QuoteTable(table)}");
            }
            catch (DbException)
            {
                // best effort: a leftover test table has a unique name
            }
        }
        _admin.Dispose();
    }
}
