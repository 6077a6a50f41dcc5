using System.Globalization;
using Microsoft.Data.Sqlite;
using SyncAdmin.Engine;
using SyncAdmin.Engine.Providers.Sqlite;

namespace SyncAdmin.Bench;

/// <summary>One local/integration pair of SQLite databases with N customers on the local side, an empty account table on
/// the integration side, a store and the mapping file: 12 mapped columns of mixed types (text, integer, real, decimal,
/// boolean, datetime, guid), and an index on (modified-on, key) on both sides, as an admin's tables would have.</summary>
internal sealed class DataSet
{
    public const string Mapping = "CUSTOMER";

    /// <summary>Column declarations shared by the local table and the raw copy's target (the same shape).</summary>
    public const string LocalColumns = """
        No TEXT PRIMARY KEY, Name TEXT, Address TEXT, City TEXT, Email TEXT, Phone TEXT, CreditLimit DECIMAL(18,2),
        Balance REAL, Blocked BOOLEAN, Priority INTEGER, CreatedOn DATETIME, ExternalId GUID, LastModifiedAt TEXT
        """;

    public const string LocalIndex = "CREATE INDEX ix_customer_modified ON {0}(LastModifiedAt, No);";

    private const string IntegrationSchema = """
        CREATE TABLE account(accountid GUID PRIMARY KEY, accountnumber TEXT, name TEXT, address1_line1 TEXT, address1_city TEXT,
            emailaddress1 TEXT, telephone1 TEXT, creditlimit DECIMAL(18,2), balance REAL, donotcontact BOOLEAN, prioritycode INTEGER,
            createdon DATETIME, externalid GUID, modifiedon TEXT);
        CREATE INDEX ix_account_modified ON account(modifiedon, accountid);
        """;

    private const string MappingFile = """
        connections:
          local:       { provider: sqlite, connectionString: "Data Source={local}" }
          integration: { provider: sqlite, connectionString: "Data Source={integration}" }
        mappings:
          - name: CUSTOMER
            table:            { connection: local, name: Customer, key: No, modifiedOn: LastModifiedAt }
            integrationTable: { connection: integration, name: account, key: accountid, modifiedOn: modifiedon }
            direction: Bidirectional
        {batch}
            fields:
              - { field: No, integrationField: accountnumber, direction: ToIntegrationTable }
              - { field: Name, integrationField: name }
              - { field: Address, integrationField: address1_line1 }
              - { field: City, integrationField: address1_city }
              - { field: Email, integrationField: emailaddress1 }
              - { field: Phone, integrationField: telephone1 }
              - { field: CreditLimit, integrationField: creditlimit }
              - { field: Balance, integrationField: balance }
              - { field: Blocked, integrationField: donotcontact }
              - { field: Priority, integrationField: prioritycode }
              - { field: CreatedOn, integrationField: createdon }
              - { field: ExternalId, integrationField: externalid }
        """;

    private static readonly string[] Cities = { "Seattle", "Redmond", "Copenhagen", "Aarhus", "Berlin", "München", "Lyon", "Porto", "Oslo", "Zürich" };

    public DataSet(string directory, int records)
    {
        Directory = directory;
        Records = records;
    }

    public string Directory { get; }
    public int Records { get; }
    public string LocalPath => Path.Combine(Directory, "local.db");
    public string IntegrationPath => Path.Combine(Directory, "integration.db");
    public string StorePath => Path.Combine(Directory, "store.db");
    public string MappingPath => Path.Combine(Directory, "mappings.yaml");
    public string CopyPath => Path.Combine(Directory, "copy.db");

    public static DataSet At(string directory) =>
        new(directory, int.Parse(File.ReadAllText(Path.Combine(directory, "records.txt")), CultureInfo.InvariantCulture));

    /// <summary>Writes both databases, the mapping file and the store (mapping imported). Returns the seconds it took.</summary>
    public static DataSet Generate(string directory, int records, string journal, int? batchSize)
    {
        System.IO.Directory.CreateDirectory(directory);
        foreach (var file in System.IO.Directory.GetFiles(directory)) File.Delete(file);
        var set = new DataSet(directory, records);
        File.WriteAllText(Path.Combine(directory, "records.txt"), records.ToString(CultureInfo.InvariantCulture));

        using (var local = Open(set.LocalPath, journal))
        {
            Execute(local, $"CREATE TABLE Customer({LocalColumns});");
            FillLocal(local, records);
            Execute(local, string.Format(CultureInfo.InvariantCulture, LocalIndex, "Customer"));
        }
        using (var integration = Open(set.IntegrationPath, journal)) Execute(integration, IntegrationSchema);

        File.WriteAllText(set.MappingPath, MappingFile
            .Replace("{local}", set.LocalPath).Replace("{integration}", set.IntegrationPath)
            .Replace("{batch}\n", batchSize is { } b ? $"    batchSize: {b}\n" : ""));
        using var engine = SyncEngine.Open(set.StorePath);
        engine.ImportMappings(set.MappingPath);
        return set;
    }

    /// <summary>Opens (creating) a database the way an admin prepared it: journal_mode as chosen, nothing else changed.</summary>
    public static SqliteConnection Open(string path, string? journal = null)
    {
        SqliteLibrary.EnsureLoaded();
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        if (journal is not null) Execute(connection, $"PRAGMA journal_mode = {journal};");
        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void FillLocal(SqliteConnection connection, int records)
    {
        var random = new Random(records);
        var now = DateTime.UtcNow;
        // Modified-on spread over the year before yesterday: nothing falls inside a later run's overlap window.
        var oldest = now.AddDays(-366);
        var span = TimeSpan.FromDays(365).Ticks;
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO Customer(No, Name, Address, City, Email, Phone, CreditLimit, Balance, Blocked, Priority, CreatedOn, ExternalId, LastModifiedAt)
            VALUES (@no, @name, @address, @city, @email, @phone, @credit, @balance, @blocked, @priority, @created, @external, @modified)
            """;
        var p = new[] { "@no", "@name", "@address", "@city", "@email", "@phone", "@credit", "@balance", "@blocked", "@priority", "@created", "@external", "@modified" }
            .Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
        insert.Prepare();
        var guid = new byte[16];
        for (var i = 1; i <= records; i++)
        {
            var no = Key(i);
            p[0].Value = no;
            p[1].Value = $"Customer {i} {(char)('A' + random.Next(26))}{random.Next(1000, 9999)}";
            p[2].Value = $"{random.Next(1, 500)} {(char)('A' + random.Next(26))}{random.Next(100, 999)} Street";
            p[3].Value = Cities[random.Next(Cities.Length)];
            p[4].Value = $"{no.ToLowerInvariant()}@example.com";
            p[5].Value = $"+1-555-{random.Next(1000000, 9999999)}";
            p[6].Value = (random.Next(0, 10_000_000) / 100m).ToString(CultureInfo.InvariantCulture);
            p[7].Value = Math.Round(random.NextDouble() * 100_000, 3);
            p[8].Value = random.Next(10) == 0 ? 1L : 0L;
            p[9].Value = (long)random.Next(1, 6);
            p[10].Value = Iso(oldest.AddTicks(-(long)(random.NextDouble() * span)));
            random.NextBytes(guid);
            p[11].Value = new Guid(guid).ToString("D");
            p[12].Value = Iso(oldest.AddTicks((long)(random.NextDouble() * span)));
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    public static string Key(int i) => "C" + i.ToString("D8", CultureInfo.InvariantCulture);

    public static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Edits the Name and Balance of these local records, stamping modified-on with now, as an application would.</summary>
    public void ChangeLocal(IEnumerable<int> records, string tag)
    {
        using var connection = Open(LocalPath);
        using var transaction = connection.BeginTransaction();
        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE Customer SET Name = @name, Balance = Balance + 1, LastModifiedAt = @now WHERE No = @no";
        var name = update.Parameters.Add(new SqliteParameter { ParameterName = "@name" });
        var now = update.Parameters.Add(new SqliteParameter { ParameterName = "@now" });
        var no = update.Parameters.Add(new SqliteParameter { ParameterName = "@no" });
        foreach (var i in records)
        {
            name.Value = $"Customer {i} {tag}";
            now.Value = Iso(DateTime.UtcNow);
            no.Value = Key(i);
            if (update.ExecuteNonQuery() != 1) throw new InvalidOperationException($"Customer {Key(i)} is missing.");
        }
        transaction.Commit();
    }

    /// <summary>Edits the phone number and credit limit of the accounts coupled to these customers, stamping modified-on.</summary>
    public void ChangeIntegration(IEnumerable<int> records, string tag)
    {
        var accounts = new List<(int Record, string AccountId)>();
        using (var store = Open(StorePath))
        using (var find = store.CreateCommand())
        {
            find.CommandText = "SELECT integration_key FROM couplings WHERE mapping = @m AND local_key = @k";
            find.Parameters.AddWithValue("@m", Mapping);
            var key = find.Parameters.Add(new SqliteParameter { ParameterName = "@k" });
            foreach (var i in records)
            {
                key.Value = Key(i);
                accounts.Add((i, find.ExecuteScalar() as string ?? throw new InvalidOperationException($"Customer {Key(i)} is not coupled.")));
            }
        }
        using var connection = Open(IntegrationPath);
        using var transaction = connection.BeginTransaction();
        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE account SET telephone1 = @phone, creditlimit = creditlimit + 1, modifiedon = @now WHERE accountid = @id";
        var phone = update.Parameters.Add(new SqliteParameter { ParameterName = "@phone" });
        var now = update.Parameters.Add(new SqliteParameter { ParameterName = "@now" });
        var id = update.Parameters.Add(new SqliteParameter { ParameterName = "@id" });
        foreach (var (record, accountId) in accounts)
        {
            phone.Value = $"{tag} {record}";
            now.Value = Iso(DateTime.UtcNow);
            id.Value = accountId;
            if (update.ExecuteNonQuery() != 1) throw new InvalidOperationException($"Account {accountId} is missing.");
        }
        transaction.Commit();
    }

    /// <summary>Changes the City of these local records without touching their modified-on (a direct SQL fix, an import
    /// that keeps timestamps): drift that only reconciliation finds.</summary>
    public void DriftLocal(IEnumerable<int> records)
    {
        using var connection = Open(LocalPath);
        using var transaction = connection.BeginTransaction();
        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE Customer SET City = City || ' (drifted)' WHERE No = @no";
        var no = update.Parameters.Add(new SqliteParameter { ParameterName = "@no" });
        foreach (var i in records)
        {
            no.Value = Key(i);
            if (update.ExecuteNonQuery() != 1) throw new InvalidOperationException($"Customer {Key(i)} is missing.");
        }
        transaction.Commit();
    }

    public long CountLocal(string where)
    {
        using var connection = Open(LocalPath);
        return Scalar(connection, $"SELECT count(*) FROM Customer WHERE {where}");
    }

    public long CountIntegration(string where)
    {
        using var connection = Open(IntegrationPath);
        return Scalar(connection, $"SELECT count(*) FROM account WHERE {where}");
    }

    /// <summary>Distinct record numbers 1..N, <paramref name="count"/> of them, chosen by <paramref name="seed"/>.</summary>
    public int[] Pick(int count, int seed)
    {
        var random = new Random(seed);
        var chosen = new HashSet<int>();
        while (chosen.Count < count) chosen.Add(random.Next(1, Records + 1));
        return chosen.ToArray();
    }
}
