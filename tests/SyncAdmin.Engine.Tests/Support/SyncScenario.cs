using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Sync;

namespace SyncAdmin.Engine.Tests.Support;

/// <summary>The seeds' setting on real SQLite files: an ERP (Customer, Currency) and a CRM (account, transactioncurrency),
/// a store, and a mapping file. Tests edit either side directly and run the engine.</summary>
public sealed class SyncScenario : IDisposable
{
    public const string ErpSchema = """
        CREATE TABLE Currency(Code TEXT PRIMARY KEY, Description TEXT, LastModifiedAt TEXT);
        CREATE TABLE Customer(No TEXT PRIMARY KEY, Name TEXT, Email TEXT, Phone TEXT, CurrencyCode TEXT, CreditLimit REAL,
                              Blocked INTEGER NOT NULL DEFAULT 0, LastModifiedAt TEXT);
        CREATE INDEX ix_customer_modified ON Customer(LastModifiedAt, No);
        """;

    public const string CrmSchema = """
        CREATE TABLE transactioncurrency(transactioncurrencyid TEXT PRIMARY KEY, isocurrencycode TEXT, currencyname TEXT, modifiedon INTEGER);
        CREATE TABLE account(accountid GUID PRIMARY KEY, accountnumber TEXT, name TEXT, emailaddress1 TEXT, telephone1 TEXT,
                             transactioncurrencyid TEXT, creditlimit REAL, customertypecode INTEGER, statecode INTEGER NOT NULL DEFAULT 0,
                             modifiedon TEXT);
        CREATE INDEX ix_account_modified ON account(modifiedon, accountid);
        """;

    /// <summary>The default mapping file; {customerOptions} lets a test add settings to CUSTOMER.</summary>
    public const string Mappings = """
        connections:
          erp: { provider: sqlite, connectionString: "Data Source={erp}" }
          crm: { provider: sqlite, connectionString: "Data Source={crm}" }
        mappings:
          - name: CUSTOMER
            table:            { connection: erp, name: Customer, key: No, modifiedOn: LastModifiedAt, filter: { Blocked: 0 } }
            integrationTable: { connection: crm, name: account, key: accountid, modifiedOn: modifiedon }
            direction: Bidirectional
            dependsOn: [CURRENCY]
        {customerOptions}
            fields:
              - { field: No, integrationField: accountnumber, direction: ToIntegrationTable }
              - { field: Name, integrationField: name }
              - { field: Email, integrationField: emailaddress1 }
              - { field: Phone, integrationField: telephone1 }
              - { field: CurrencyCode, integrationField: transactioncurrencyid, lookup: CURRENCY {lookupOptions}}
              - { field: CreditLimit, integrationField: creditlimit }
              - { integrationField: customertypecode, constant: 3 }
          - name: CURRENCY
            table:            { connection: erp, name: Currency, key: Code, modifiedOn: LastModifiedAt }
            integrationTable: { connection: crm, name: transactioncurrency, key: transactioncurrencyid, modifiedOn: modifiedon }
            direction: ToIntegrationTable
            fields:
              - { field: Code, integrationField: isocurrencycode }
              - { field: Description, integrationField: currencyname }
        """;

    private readonly TempDirectory _directory = new();

    public SyncScenario(string? customerOptions = null, string? lookupOptions = null, EngineOptions? options = null,
        string erpSchema = ErpSchema, string crmSchema = CrmSchema, string mappings = Mappings)
    {
        Erp = new TestDatabase(_directory.File("erp.db"), erpSchema);
        Crm = new TestDatabase(_directory.File("crm.db"), crmSchema);
        MappingFile = _directory.File("mappings.yaml");
        var indented = customerOptions is null ? "" : string.Join("\n", customerOptions.Split('\n').Select(l => "    " + l.TrimEnd()));
        File.WriteAllText(MappingFile, mappings
            .Replace("{erp}", Erp.Path).Replace("{crm}", Crm.Path)
            .Replace("{customerOptions}\n", indented.Length > 0 ? indented + "\n" : "")
            .Replace("{lookupOptions}", lookupOptions is null ? "" : ", " + lookupOptions + " "));
        Options = options ?? new EngineOptions();
        Engine = SyncEngine.Open(StorePath, Options);
        Engine.ImportMappings(MappingFile);
    }

    public TestDatabase Erp { get; }
    public TestDatabase Crm { get; }
    public string MappingFile { get; }
    public string StorePath => _directory.File("store.db");
    public EngineOptions Options { get; }
    public SyncEngine Engine { get; private set; }
    public TempDirectory Directory => _directory;

    public void AddCurrency(string code, string description) =>
        Erp.Insert("Currency", ("Code", code), ("Description", description), ("LastModifiedAt", TestDatabase.Stamp(false)));

    public void AddCustomer(string no, string name, string? email = null, string? currency = null, double? creditLimit = null, int blocked = 0) =>
        Erp.Insert("Customer", ("No", no), ("Name", name), ("Email", email ?? $"{no}@example.com"), ("Phone", "555-" + no),
            ("CurrencyCode", currency), ("CreditLimit", creditLimit), ("Blocked", blocked), ("LastModifiedAt", TestDatabase.Stamp(false)));

    public void EditCustomer(string no, params (string Column, object? Value)[] values) =>
        Erp.Update("Customer", "No", no, "LastModifiedAt", false, values);

    public void EditAccount(string accountId, params (string Column, object? Value)[] values) =>
        Crm.Update("account", "accountid", accountId, "modifiedon", false, values);

    public Dictionary<string, object?>? Account(string customerNo) =>
        Crm.Rows("account", $"accountnumber = '{customerNo}'").SingleOrDefault();

    public string AccountId(string customerNo) => (string)Account(customerNo)!["accountid"]!;

    public Dictionary<string, object?>? Customer(string no) => Erp.Row("Customer", "No", no);

    /// <summary>Runs and returns the jobs, by mapping and direction.</summary>
    public IReadOnlyList<SyncJob> Run(RunRequest? request = null) => Engine.Run(request ?? new RunRequest()).ToList();

    public SyncJob RunOne(string mapping, SyncDirection direction, RunRequest? request = null) =>
        Engine.Run((request ?? new RunRequest()) with { Mappings = new[] { mapping }, Direction = direction }).Single();

    public static SyncJob Job(IReadOnlyList<SyncJob> jobs, string mapping, SyncDirection direction) =>
        jobs.Single(j => j.Mapping == mapping && j.Direction == direction);

    /// <summary>A runner on this scenario's store whose page writes call <paramref name="checkpoint"/> at each point
    /// (intent-committing, intent-recorded, destination-committed, results-recorded).</summary>
    public SyncRunner Runner(Action<string> checkpoint) =>
        new(Engine.Store, () => new DatabaseTableOpener(Engine.Store.Mappings, null)) { Checkpoint = checkpoint };

    /// <summary>Runs CUSTOMER until it reaches <paramref name="point"/> for the <paramref name="page"/>th time, dies there
    /// as a killed process would, and reopens the store as the next process would.</summary>
    public void CrashAt(string point, int page = 1, SyncDirection? direction = SyncDirection.ToIntegrationTable)
    {
        var seen = 0;
        var runner = Runner(p =>
        {
            if (p == point && ++seen == page) throw new SimulatedCrashException(p);
        });
        Assert.Throws<SimulatedCrashException>(() => runner.Run(new RunRequest { Mappings = new[] { "CUSTOMER" }, Direction = direction }).ToList());
        Reopen();
    }

    /// <summary>Closes and reopens the engine, as a new process would after a crash.</summary>
    public void Reopen(EngineOptions? options = null)
    {
        Engine.Dispose();
        Engine = SyncEngine.Open(StorePath, options ?? Options);
    }

    public void Dispose()
    {
        Engine.Dispose();
        _directory.Dispose();
    }
}
