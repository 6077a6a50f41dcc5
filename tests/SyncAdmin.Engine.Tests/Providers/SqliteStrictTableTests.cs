using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers.Sqlite;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.Providers;

/// <summary>Tables declared STRICT (SQLite 3.37+) on both sides: their schema reads, every value the engine writes has
/// the declared type (a STRICT table refuses anything else), and a sync runs both ways. With the SQLite of 2021 the
/// engine shipped before, opening such a database failed every job with "malformed database schema … near STRICT".</summary>
public class SqliteStrictTableTests
{
    private const string ErpStrict = """
        CREATE TABLE Currency(Code TEXT PRIMARY KEY, Description TEXT, LastModifiedAt TEXT) STRICT;
        CREATE TABLE Customer(No TEXT PRIMARY KEY, Name TEXT, Email TEXT, Phone TEXT, CurrencyCode TEXT, CreditLimit REAL,
                              Blocked INTEGER NOT NULL DEFAULT 0, LastModifiedAt TEXT) STRICT;
        """;

    private const string CrmStrict = """
        CREATE TABLE transactioncurrency(transactioncurrencyid TEXT PRIMARY KEY, isocurrencycode TEXT, currencyname TEXT, modifiedon INTEGER) STRICT;
        CREATE TABLE account(accountid TEXT PRIMARY KEY, accountnumber TEXT, name TEXT, emailaddress1 TEXT, telephone1 TEXT,
                             transactioncurrencyid TEXT, creditlimit REAL, customertypecode INTEGER, statecode INTEGER NOT NULL DEFAULT 0,
                             modifiedon TEXT) STRICT, WITHOUT ROWID;
        """;

    [Fact]
    public void The_shipped_SQLite_is_recent_enough_for_STRICT_tables()
    {
        SqliteLibrary.EnsureLoaded();
        var version = Version.Parse(SQLitePCL.raw.sqlite3_libversion().utf8_to_string());
        Assert.True(version >= new Version(3, 45), $"SQLite {version} is older than 3.45");
    }

    [Fact]
    public void A_sync_runs_both_ways_between_STRICT_tables()
    {
        using var s = new SyncScenario(erpSchema: ErpStrict, crmSchema: CrmStrict);
        s.AddCurrency("EUR", "Euro");
        s.AddCustomer("10000", "Adatum", currency: "EUR", creditLimit: 5000.5);
        s.AddCustomer("20000", "Trey Research");

        var first = s.Run();
        Assert.All(first, j => Assert.Equal(JobStatus.Succeeded, j.Status));
        Assert.Equal(0, first.Sum(j => j.Failed));
        Assert.Equal(2, s.Crm.Count("account"));
        var account = s.Account("10000")!;
        Assert.Equal(5000.5, Convert.ToDouble(account["creditlimit"]));
        Assert.Equal(3L, account["customertypecode"]);
        Assert.Equal("integer", s.Crm.Scalar("SELECT typeof(customertypecode) FROM account WHERE accountnumber = '10000'"));
        Assert.Equal("text", s.Crm.Scalar("SELECT typeof(modifiedon) FROM account WHERE accountnumber = '10000'"));
        Assert.Equal("integer", s.Crm.Scalar("SELECT typeof(modifiedon) FROM transactioncurrency"));

        s.EditAccount(s.AccountId("20000"), ("telephone1", "555-0222"), ("creditlimit", 700.25));
        var back = SyncScenario.Job(s.Run(), "CUSTOMER", SyncDirection.FromIntegrationTable);
        Assert.Equal((JobStatus.Succeeded, 1, 0), (back.Status, back.Modified, back.Failed));
        var customer = s.Customer("20000")!;
        Assert.Equal("555-0222", customer["Phone"]);
        Assert.Equal(700.25, Convert.ToDouble(customer["CreditLimit"]));
    }
}
