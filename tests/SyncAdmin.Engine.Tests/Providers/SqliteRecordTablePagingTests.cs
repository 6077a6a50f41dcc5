using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;

namespace SyncAdmin.Engine.Tests.Providers;

/// <summary>Reading a real SQLite table in pages: by key, and by (modified-on, key) with ties and a since filter.</summary>
public class SqliteRecordTablePagingTests
{
    private const int Rows = 2500;
    private const int PageSize = 1000;
    private const int TieSize = 7; // 1000 is no multiple of 7, so page ends fall inside groups of equal modified-on
    private static readonly DateTime Start = new(2024, 5, 1, 8, 0, 0, DateTimeKind.Utc);

    private static readonly TableDefinition Customer = new()
    {
        Connection = "erp", Name = "Customer", Key = "No", ModifiedOn = "LastModifiedAt",
    };

    /// <summary>Row i: key C{2500-i} (so key order runs against modified-on order), modified at Start + i/7 seconds.</summary>
    private static DateTime ModifiedAt(int i) => Start.AddSeconds(i / TieSize).AddMilliseconds(5);
    private static string KeyOf(int i) => $"C{Rows - i:0000}";

    private static SqliteDatabase CustomersWithModifiedOn(string declaredType, Func<DateTime, object> stored)
    {
        var db = new SqliteDatabase($"CREATE TABLE Customer (No TEXT PRIMARY KEY, Name TEXT NOT NULL, Blocked BOOLEAN NOT NULL DEFAULT 0, Region TEXT, LastModifiedAt {declaredType})");
        db.InsertMany("INSERT INTO Customer (No, Name, Blocked, Region, LastModifiedAt) VALUES (@no, @name, @blocked, @region, @at)", Rows, i => new (string, object?)[]
        {
            ("@no", KeyOf(i)), ("@name", $"Customer {i}"), ("@blocked", i % 5 == 0 ? 1 : 0), ("@region", i % 2 == 0 ? null : "EU"), ("@at", stored(ModifiedAt(i))),
        });
        return db;
    }

    private static List<Row> ReadAll(IRecordTable table, DateTime? since, List<int>? pageSizes = null)
    {
        var rows = new List<Row>();
        PagePosition? after = null;
        while (true)
        {
            var page = table.ReadPage(since, after, PageSize);
            pageSizes?.Add(page.Count);
            rows.AddRange(page);
            if (page.Count < PageSize) return rows;
            after = new PagePosition(page[^1].ModifiedOn, page[^1].Key);
        }
    }

    [Fact]
    public void Pages_by_key_return_every_row_once_in_key_order()
    {
        using var db = CustomersWithModifiedOn("TEXT", t => UtcTime.Format(t));
        var table = db.OpenTable(Customer, "Name");
        var pageSizes = new List<int>();

        var rows = ReadAll(table, since: null, pageSizes);

        Assert.Equal(new[] { 1000, 1000, 500 }, pageSizes);
        var keys = rows.Select(r => (string)r.Key).ToList();
        Assert.Equal(Enumerable.Range(1, Rows).Select(n => $"C{n:0000}"), keys);
        Assert.Equal("Customer 2499", rows[0]["Name"]);
    }

    public static TheoryData<string, string> ModifiedOnStorage => new()
    {
        { "TEXT", "iso" },
        { "DATETIME", "iso" },
        { "INTEGER", "epoch" },
        { "DATETIME", "epoch" },   // declared as a date, but holding epoch milliseconds
        { "TEXT", "sqlite" },      // SQLite's datetime() layout: space separator, no fraction, no zone
    };

    [Theory]
    [MemberData(nameof(ModifiedOnStorage))]
    public void Pages_by_modified_on_keep_ties_together_and_honour_since(string declaredType, string storage)
    {
        Func<DateTime, object> store = storage switch
        {
            "iso" => t => UtcTime.Format(t),
            "epoch" => t => UtcTime.ToEpochMilliseconds(t),
            _ => t => t.ToString("yyyy-MM-dd HH:mm:ss"),
        };
        using var db = CustomersWithModifiedOn(declaredType, store);
        var table = db.OpenTable(Customer, "Name");
        var since = ModifiedAt(700); // rows 700..2499, first at a tie group boundary: 700 = 7 × 100

        var rows = ReadAll(table, since);

        var expected = Enumerable.Range(700, Rows - 700)
            .Select(i => (At: storage == "sqlite" ? UtcTime.TruncateToMilliseconds(ModifiedAt(i)).AddMilliseconds(-5) : ModifiedAt(i), Key: KeyOf(i)))
            .OrderBy(r => r.At).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Select(r => r.Key), rows.Select(r => (string)r.Key));
        Assert.Equal(expected.Select(r => r.At), rows.Select(r => r.ModifiedOn!.Value));
        Assert.All(rows, r => Assert.Equal(DateTimeKind.Utc, r.ModifiedOn!.Value.Kind));
    }

    [Theory]
    [MemberData(nameof(ModifiedOnStorage))]
    public void A_new_table_instance_continues_from_a_position_it_did_not_read(string declaredType, string storage)
    {
        Func<DateTime, object> store = storage switch
        {
            "iso" => t => UtcTime.Format(t),
            "epoch" => t => UtcTime.ToEpochMilliseconds(t),
            _ => t => t.ToString("yyyy-MM-dd HH:mm:ss"),
        };
        using var db = CustomersWithModifiedOn(declaredType, store);
        var first = db.OpenTable(Customer).ReadPage(Start, null, PageSize);
        var continued = db.OpenTable(Customer).ReadPage(Start, new PagePosition(first[^1].ModifiedOn, first[^1].Key), PageSize);
        var reference = db.OpenTable(Customer);
        var referencePage1 = reference.ReadPage(Start, null, PageSize);
        var expected = reference.ReadPage(Start, new PagePosition(referencePage1[^1].ModifiedOn, referencePage1[^1].Key), PageSize);

        Assert.Equal(expected.Select(r => r.Key), continued.Select(r => r.Key));
        Assert.DoesNotContain(continued, r => first.Any(f => Equals(f.Key, r.Key)));
    }

    [Fact]
    public void The_table_filter_applies_to_pages_with_null_meaning_is_null()
    {
        using var db = CustomersWithModifiedOn("TEXT", t => UtcTime.Format(t));
        var table = db.OpenTable(Customer with { Filter = new Dictionary<string, string?> { ["Blocked"] = "0", ["Region"] = null } }, "Blocked", "Region");

        var byKey = ReadAll(table, since: null);
        var byModifiedOn = ReadAll(table, since: ModifiedAt(1001)); // 1001 = 7 × 143 starts a tie group

        var expected = Enumerable.Range(0, Rows).Where(i => i % 5 != 0 && i % 2 == 0).Select(KeyOf).ToHashSet();
        Assert.Equal(expected.Count, byKey.Count);
        Assert.All(byKey, r => Assert.Contains((string)r.Key, expected));
        Assert.All(byKey, r => Assert.Equal(false, r["Blocked"]));
        Assert.All(byKey, r => Assert.Null(r["Region"]));
        Assert.Equal(Enumerable.Range(1001, Rows - 1001).Count(i => i % 5 != 0 && i % 2 == 0), byModifiedOn.Count);
    }

    [Fact]
    public void Without_a_modified_on_column_since_is_ignored_and_rows_come_by_key()
    {
        using var db = CustomersWithModifiedOn("TEXT", t => UtcTime.Format(t));
        var table = db.OpenTable(Customer with { ModifiedOn = null }, "Name");

        var rows = ReadAll(table, since: DateTime.UtcNow);

        Assert.Equal(Rows, rows.Count);
        Assert.All(rows, r => Assert.Null(r.ModifiedOn));
    }
}
