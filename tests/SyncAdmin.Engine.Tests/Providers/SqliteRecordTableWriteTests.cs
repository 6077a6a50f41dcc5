using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;

namespace SyncAdmin.Engine.Tests.Providers;

/// <summary>Writing through one transaction on a real SQLite file: commit, rollback, record errors, stored forms.</summary>
public class SqliteRecordTableWriteTests
{
    private const string CustomerTable =
        "CREATE TABLE Customer (No TEXT PRIMARY KEY, Name TEXT NOT NULL, Email TEXT, Blocked BOOLEAN NOT NULL DEFAULT 0, LastModifiedAt TEXT)";

    private static readonly TableDefinition Customer = new()
    {
        Connection = "erp", Name = "Customer", Key = "No", ModifiedOn = "LastModifiedAt",
    };

    private static readonly DateTime Now = new(2024, 6, 1, 12, 30, 15, 250, DateTimeKind.Utc);

    private static Dictionary<string, object?> Values(params (string Column, object? Value)[] values) =>
        values.ToDictionary(v => v.Column, v => v.Value);

    [Fact]
    public void Insert_update_and_delete_are_visible_to_others_after_commit()
    {
        using var db = new SqliteDatabase(CustomerTable);
        db.Execute("INSERT INTO Customer (No, Name) VALUES ('C2', 'Old'), ('C3', 'Gone')");
        var table = db.OpenTable(Customer, Now, "Name", "Blocked");

        using (var writer = table.BeginWrite())
        {
            Assert.Equal("C1", writer.Insert(Values(("No", "C1"), ("Name", "New"), ("Blocked", true))));
            Assert.True(writer.Update("C2", Values(("Name", "Renamed"))));
            Assert.False(writer.Update("C9", Values(("Name", "Nobody"))));
            Assert.True(writer.Delete("C3"));
            Assert.False(writer.Delete("C3"));
            Assert.Equal(1L, db.Scalar("SELECT COUNT(*) FROM Customer WHERE No = 'C3'")); // not committed yet
            writer.Commit();
        }

        Assert.Equal("New", db.Scalar("SELECT Name FROM Customer WHERE No = 'C1'"));
        Assert.Equal(1L, db.Scalar("SELECT Blocked FROM Customer WHERE No = 'C1'"));
        Assert.Equal("Renamed", db.Scalar("SELECT Name FROM Customer WHERE No = 'C2'"));
        Assert.Equal(0L, db.Scalar("SELECT COUNT(*) FROM Customer WHERE No = 'C3'"));
        // setModifiedOn: the engine stamps the time of its writes, as ISO text with milliseconds.
        Assert.Equal("2024-06-01T12:30:15.250Z", db.Scalar("SELECT LastModifiedAt FROM Customer WHERE No = 'C1'"));
        Assert.Equal("2024-06-01T12:30:15.250Z", db.Scalar("SELECT LastModifiedAt FROM Customer WHERE No = 'C2'"));
        Assert.Equal(Now, table.ReadByKeys(new object[] { "C2" }).Single().ModifiedOn);
    }

    [Fact]
    public void Disposing_a_writer_without_commit_rolls_back_and_the_table_stays_usable()
    {
        using var db = new SqliteDatabase(CustomerTable);
        var table = db.OpenTable(Customer, "Name");

        using (var writer = table.BeginWrite())
        {
            writer.Insert(Values(("No", "C1"), ("Name", "Lost")));
            Assert.Single(table.ReadByKeys(new object[] { "C1" })); // reads inside the writer see its own rows
        }

        Assert.Equal(0L, db.Scalar("SELECT COUNT(*) FROM Customer"));
        Assert.Empty(table.ReadPage(null, null, 10));
        using (var writer = table.BeginWrite())
        {
            writer.Insert(Values(("No", "C1"), ("Name", "Kept")));
            writer.Commit();
            Assert.Throws<InvalidOperationException>(() => writer.Insert(Values(("No", "C2"), ("Name", "Late"))));
        }
        Assert.Equal("Kept", db.Scalar("SELECT Name FROM Customer"));
    }

    [Fact]
    public void A_constraint_violation_fails_only_its_record_and_the_rest_commits()
    {
        using var db = new SqliteDatabase(CustomerTable + "; CREATE UNIQUE INDEX CustomerEmail ON Customer (Email);");
        db.Execute("INSERT INTO Customer (No, Name, Email) VALUES ('C1', 'First', 'a@example.com')");
        var table = db.OpenTable(Customer, "Name");

        using (var writer = table.BeginWrite())
        {
            writer.Insert(Values(("No", "C2"), ("Name", "Second")));
            var notNull = Assert.Throws<RecordWriteException>(() => writer.Insert(Values(("No", "C3"), ("Name", null))));
            Assert.Contains("'Customer'", notNull.Message);
            Assert.Contains("new record", notNull.Message); // a planned key is not named: retries must fail alike
            var duplicate = Assert.Throws<RecordWriteException>(() => writer.Insert(Values(("No", "C1"), ("Name", "Again"))));
            Assert.Contains("UNIQUE", duplicate.Message);
            var unique = Assert.Throws<RecordWriteException>(() => writer.Update("C2", Values(("Email", "a@example.com"))));
            Assert.Contains("UNIQUE", unique.Message);
            var conversion = Assert.Throws<RecordWriteException>(() => writer.Insert(Values(("No", "C5"), ("Name", "Bad"), ("Blocked", "maybe"))));
            Assert.Contains("'Blocked'", conversion.Message);
            writer.Insert(Values(("No", "C4"), ("Name", "Fourth")));
            writer.Commit();
        }

        Assert.Equal(new object[] { "C1", "C2", "C4" }, table.ReadPage(null, null, 10).Select(r => r.Key).ToArray());
    }

    [Fact]
    public void Values_are_stored_so_they_read_back_equal()
    {
        using var db = new SqliteDatabase(
            "CREATE TABLE Typed (Id INTEGER PRIMARY KEY, Amount DECIMAL(18,2), Active BOOLEAN, BornAt DATETIME, Ref GUID, Data BLOB, Score REAL, Qty INT, Note TEXT)");
        var table = db.OpenTable(new TableDefinition { Connection = "erp", Name = "Typed", Key = "Id" },
            "Amount", "Active", "BornAt", "Ref", "Data", "Score", "Qty", "Note");
        var reference = Guid.NewGuid();
        var bornAt = new DateTime(1990, 2, 3, 4, 5, 6, 789, DateTimeKind.Utc);
        var written = Values(("Amount", 1234.50m), ("Active", true), ("BornAt", bornAt), ("Ref", reference),
            ("Data", new byte[] { 1, 2, 3 }), ("Score", 0.1), ("Qty", 7), ("Note", "Ünïcode ✓"));

        object key;
        using (var writer = table.BeginWrite())
        {
            key = writer.Insert(written);
            writer.Commit();
        }
        var row = table.ReadByKeys(new[] { key }).Single();

        foreach (var (column, value) in written)
            Assert.Equal(CanonicalValue.Of(table.Schema.Get(column).Type, value), CanonicalValue.Of(row[column]));
        Assert.IsType<decimal>(row["Amount"]);
        Assert.IsType<DateTime>(row["BornAt"]);
        Assert.Equal("1990-02-03T04:05:06.789Z", db.Scalar("SELECT BornAt FROM Typed"));
        Assert.Equal(reference.ToString("D"), db.Scalar("SELECT Ref FROM Typed"));
        Assert.Equal(1L, db.Scalar("SELECT Active FROM Typed"));
        Assert.Single(table.ReadMatches(new[] { KeyValuePair.Create<string, object?>("Amount", 1234.5m) }, 5));
    }

    [Fact]
    public void Modified_on_is_written_in_the_layout_and_unit_the_column_already_uses()
    {
        using var db = new SqliteDatabase(
            "CREATE TABLE Ledger (No TEXT PRIMARY KEY, Name TEXT, ChangedAt TEXT); CREATE TABLE Journal (No TEXT PRIMARY KEY, Name TEXT, ChangedMs INTEGER);");
        db.Execute("INSERT INTO Ledger VALUES ('L1', 'x', datetime('2020-01-01')); INSERT INTO Journal VALUES ('J1', 'x', 1)");
        var ledger = db.OpenTable(new TableDefinition { Connection = "erp", Name = "Ledger", Key = "No", ModifiedOn = "ChangedAt" }, Now, "Name");
        var journal = db.OpenTable(new TableDefinition { Connection = "erp", Name = "Journal", Key = "No", ModifiedOn = "ChangedMs" }, Now, "Name");

        foreach (var table in new IRecordTable[] { ledger, journal })
        {
            using var writer = table.BeginWrite();
            writer.Insert(Values(("No", "N1"), ("Name", "new")));
            writer.Commit();
        }

        Assert.Equal("2024-06-01 12:30:15", db.Scalar("SELECT ChangedAt FROM Ledger WHERE No = 'N1'"));
        Assert.Equal(UtcTime.ToEpochMilliseconds(Now), db.Scalar("SELECT ChangedMs FROM Journal WHERE No = 'N1'"));
        Assert.Equal("N1", journal.ReadPage(Now, null, 10).Single().Key);
        Assert.Equal("N1", ledger.ReadPage(Now.AddSeconds(-1), null, 10).Single().Key);
    }

    [Fact]
    public void Read_matches_compares_each_column_and_null_means_is_null()
    {
        using var db = new SqliteDatabase(CustomerTable);
        db.Execute("INSERT INTO Customer (No, Name, Email) VALUES ('C1', 'Ann', 'ann@example.com'), ('C2', 'Ann', NULL), ('C3', 'Bob', 'ann@example.com')");
        var table = db.OpenTable(Customer with { Filter = new Dictionary<string, string?> { ["Name"] = "Nobody" } }, "Email");

        var byEmail = table.ReadMatches(new[] { KeyValuePair.Create<string, object?>("Email", "ann@example.com") }, 10);
        var byNameAndNoEmail = table.ReadMatches(new[]
        {
            KeyValuePair.Create<string, object?>("Name", "Ann"), KeyValuePair.Create<string, object?>("Email", null),
        }, 10);

        Assert.Equal(new object[] { "C1", "C3" }, byEmail.Select(r => r.Key).ToArray());
        Assert.Equal("C2", byNameAndNoEmail.Single().Key);
        Assert.Single(table.ReadMatches(new[] { KeyValuePair.Create<string, object?>("Name", "Ann") }, 1));
    }
}
