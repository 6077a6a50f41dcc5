using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;

namespace SyncAdmin.Engine.Tests.Providers;

/// <summary>Text, integer and GUID keys on real SQLite tables: insert, read by keys, parse.</summary>
public class SqliteRecordTableKeyTests
{
    private static readonly Dictionary<string, object?> NoValues = new();

    [Fact]
    public void Text_keys_round_trip_and_read_by_keys_spans_several_in_batches()
    {
        using var db = new SqliteDatabase("CREATE TABLE Customer (No TEXT PRIMARY KEY, Name TEXT)");
        db.InsertMany("INSERT INTO Customer (No, Name) VALUES (@no, @name)", 2500, i => new (string, object?)[] { ("@no", $"C{i:0000}"), ("@name", $"Name {i}") });
        var table = db.OpenTable(new TableDefinition { Connection = "erp", Name = "Customer", Key = "No" }, "Name");

        // 1,200 wanted keys (three IN batches: 500 + 500 + 200), asked twice each, plus 5 that do not exist.
        var wanted = Enumerable.Range(0, 1200).Select(i => $"C{i * 2:0000}").ToList();
        var asked = wanted.Concat(wanted).Concat(Enumerable.Range(0, 5).Select(i => $"X{i}")).Cast<object>().ToList();

        var rows = table.ReadByKeys(asked);

        Assert.Equal(wanted.OrderBy(k => k), rows.Select(r => (string)r.Key).OrderBy(k => k));
        Assert.All(rows, r => Assert.Equal("Name " + int.Parse(((string)r.Key)[1..]), r["Name"]));
        Assert.Empty(table.ReadByKeys(Array.Empty<object>()));
        Assert.Single(table.ReadByKeys(new object[] { "C0007" }));
        Assert.Equal("C0042", table.ParseKey("C0042"));
    }

    [Fact]
    public void Rows_are_read_by_the_values_of_any_column_across_batches()
    {
        using var db = new SqliteDatabase("CREATE TABLE Customer (No TEXT PRIMARY KEY, Email TEXT, Age INTEGER)");
        db.InsertMany("INSERT INTO Customer (No, Email, Age) VALUES (@no, @email, @age)", 1500,
            i => new (string, object?)[] { ("@no", $"C{i:0000}"), ("@email", $"u{i % 700}@example.com"), ("@age", i % 90) });
        var table = db.OpenTable(new TableDefinition { Connection = "erp", Name = "Customer", Key = "No" }, "Email", "Age");

        var byEmail = table.ReadWhereIn("Email", Enumerable.Range(0, 600).Select(i => (object)$"u{i}@example.com").Append("nobody@example.com").ToList());
        var byAge = table.ReadWhereIn("Age", new object[] { 7L, "not a number" });

        Assert.All(byEmail, r => Assert.True(int.Parse(((string)r["Email"]!)[1..^12]) < 600));
        Assert.Equal(Enumerable.Range(0, 1500).Count(i => i % 700 < 600), byEmail.Count);
        Assert.Equal(Enumerable.Range(0, 1500).Count(i => i % 90 == 7), byAge.Count);
        var e = Assert.Throws<ConfigurationException>(() => table.ReadWhereIn("Missing", new object[] { 1L }));
        Assert.Contains("Missing", e.Message);
    }

    [Fact]
    public void Integer_autoincrement_keys_are_assigned_by_the_database_and_returned()
    {
        using var db = new SqliteDatabase("CREATE TABLE Item (Id INTEGER PRIMARY KEY AUTOINCREMENT, Name TEXT)");
        var table = db.OpenTable(new TableDefinition { Connection = "erp", Name = "Item", Key = "Id" }, "Name");
        Assert.True(table.Schema.Get("Id").IsGenerated);

        object first, second, given;
        using (var writer = table.BeginWrite())
        {
            first = writer.Insert(new Dictionary<string, object?> { ["Name"] = "Bolt" });
            second = writer.Insert(new Dictionary<string, object?> { ["Id"] = null, ["Name"] = "Nut" });
            given = writer.Insert(new Dictionary<string, object?> { ["Id"] = 100, ["Name"] = "Washer" });
            writer.Commit();
        }

        Assert.Equal(1L, first);
        Assert.Equal(2L, second);
        Assert.Equal(100L, given);
        var rows = table.ReadByKeys(new object[] { 1L, "2", 100 });
        Assert.Equal(new object[] { 1L, 2L, 100L }, rows.Select(r => r.Key).OrderBy(k => (long)k).ToArray());
        Assert.Equal(42L, table.ParseKey("42"));
        var error = Assert.Throws<ArgumentException>(() => table.ParseKey("abc"));
        Assert.Contains("'Item'", error.Message);
    }

    /// <summary>A key the database makes up comes back from the insert's RETURNING clause in every storage class a
    /// default can give it (inserts are bound by position and read back without a data reader).</summary>
    [Theory]
    [InlineData("Id TEXT PRIMARY KEY DEFAULT ('K' || (abs(random()) % 1000000))", ColumnType.Text)]
    [InlineData("Id GUID PRIMARY KEY DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-a' || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6))))", ColumnType.Guid)]
    [InlineData("Id INTEGER PRIMARY KEY", ColumnType.Integer)]
    public void Keys_the_database_assigns_are_returned_in_their_type(string keyColumn, ColumnType type)
    {
        using var db = new SqliteDatabase($"CREATE TABLE Item ({keyColumn}, Name TEXT, Weight REAL, Photo BLOB)");
        var table = db.OpenTable(new TableDefinition { Connection = "erp", Name = "Item", Key = "Id" }, "Name", "Weight", "Photo");
        Assert.Equal(type, table.Schema.Get("Id").Type);

        var keys = new List<object>();
        using (var writer = table.BeginWrite())
        {
            for (var i = 0; i < 3; i++)
                keys.Add(writer.Insert(new Dictionary<string, object?> { ["Name"] = $"Item {i}", ["Weight"] = i + 0.5, ["Photo"] = new byte[] { (byte)i, 0, 255 } }));
            writer.Commit();
        }

        Assert.Equal(3, keys.Distinct().Count());
        var rows = table.ReadByKeys(keys);
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(keys.IndexOf(r.Key) + 0.5, r["Weight"]));
        Assert.All(rows, r => Assert.Equal(new byte[] { (byte)keys.IndexOf(r.Key), 0, 255 }, r["Photo"]));
    }

    [Fact]
    public void Guid_keys_are_stored_as_text_and_found_in_the_case_the_column_uses()
    {
        using var db = new SqliteDatabase("CREATE TABLE Contact (Id GUID PRIMARY KEY, Name TEXT)");
        var existing = Guid.NewGuid();
        db.Execute("INSERT INTO Contact (Id, Name) VALUES (@id, 'Existing')", ("@id", existing.ToString("D").ToUpperInvariant()));
        var table = db.OpenTable(new TableDefinition { Connection = "erp", Name = "Contact", Key = "Id" }, "Name");

        var added = Guid.NewGuid();
        using (var writer = table.BeginWrite())
        {
            Assert.Equal(added, writer.Insert(new Dictionary<string, object?> { ["Id"] = added, ["Name"] = "Added" }));
            writer.Commit();
        }

        var rows = table.ReadByKeys(new object[] { existing, added.ToString("D") });
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.IsType<Guid>(r.Key));
        Assert.Equal(added.ToString("D").ToUpperInvariant(), db.Scalar("SELECT Id FROM Contact WHERE Name = 'Added'"));
        Assert.Equal(existing, table.ParseKey(existing.ToString("D").ToLowerInvariant()));
        Assert.Equal("Existing", table.ReadMatches(new[] { KeyValuePair.Create<string, object?>("Id", existing) }, 5).Single()["Name"]);
    }

    [Fact]
    public void A_key_of_another_type_is_refused_when_the_table_opens()
    {
        using var db = new SqliteDatabase("CREATE TABLE Rate (Code REAL PRIMARY KEY, Value REAL)");
        var error = Assert.Throws<ConfigurationException>(() => db.OpenTable(new TableDefinition { Connection = "erp", Name = "Rate", Key = "Code" }));
        Assert.Contains("'Code'", error.Message);
        Assert.Contains("text, integer or GUID", error.Message);
    }
}
