using SyncAdmin.Demo;
using SyncAdmin.Engine;

namespace SyncAdmin.Tests.Support;

/// <summary>The examples' ERP, CRM and mapping file in a temp folder, with a store that imported them: the setting the
/// cmdlets work in, on real SQLite files.</summary>
public sealed class SampleStore : IDisposable
{
    private readonly TempDirectory _directory = new();

    private readonly SyncEngine? _engine;

    /// <param name="openEngine">False leaves the store unopened, for a test that opens it another way.</param>
    public SampleStore(bool openEngine = true)
    {
        (Erp, Crm) = SampleDatabases.Create(_directory.Path);
        // The sample mapping file names its databases through ${env:SYNCADMIN_DEMO}; each test gets its own folder, so the
        // mapping file is rewritten with this folder's paths instead of sharing one process-wide variable.
        MappingFile = _directory.File("mappings.yaml");
        File.WriteAllText(MappingFile, File.ReadAllText(SampleDatabases.MappingFile).Replace("${env:SYNCADMIN_DEMO}", _directory.Path));
        StorePath = _directory.File("store.db");
        if (!openEngine) return;
        _engine = SyncEngine.Open(StorePath);
        _engine.ImportMappings(MappingFile);
    }

    public string Erp { get; }
    public string Crm { get; }
    public string MappingFile { get; }
    public string StorePath { get; }
    public SyncEngine Engine => _engine ?? throw new InvalidOperationException("This sample store was not opened.");
    public string Directory => _directory.Path;

    public void EditCustomer(string no, string set) =>
        SampleDatabases.Execute(Erp, $"UPDATE Customer SET {set}, LastModifiedAt = '{SampleDatabases.Now()}' WHERE No = '{no}'");

    public void EditAccount(string accountNumber, string set) =>
        SampleDatabases.Execute(Crm, $"UPDATE account SET {set}, modifiedon = '{SampleDatabases.Now()}' WHERE accountnumber = '{accountNumber}'");

    public void Dispose()
    {
        _engine?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
