using SyncAdmin.Engine;
using SyncAdmin.Engine.Sync;

namespace SyncAdmin.Demo;

/// <summary>The sample the README's tour and the cmdlets' examples start from: erp.db and crm.db, the mapping file, and a
/// store in which the first synchronization ran and the story's trouble followed — customer 10000 changed on both sides
/// (skipped as a conflict) and the account of customer 30000 deleted in the CRM (skipped as a deletion conflict).</summary>
public static class TourSample
{
    public static string Create(string directory)
    {
        directory = Path.GetFullPath(directory);
        var (erp, crm) = SampleDatabases.Create(directory);
        var mappings = Path.Combine(directory, "mappings.yaml");
        File.Copy(SampleDatabases.MappingFile, mappings, overwrite: true);
        var store = Path.Combine(directory, "store.db");
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" }) File.Delete(store + suffix);

        // The mapping file's connection strings say ${env:SYNCADMIN_DEMO}; they resolve when a connection opens.
        Environment.SetEnvironmentVariable("SYNCADMIN_DEMO", directory);
        using var engine = SyncEngine.Open(store);
        engine.ImportMappings(mappings);
        Drain(engine.Run(new RunRequest()));
        SampleDatabases.Execute(erp, $"UPDATE Customer SET CreditLimit = 7500, LastModifiedAt = '{SampleDatabases.Now()}' WHERE No = '10000'");
        SampleDatabases.Execute(crm, $"UPDATE account SET creditlimit = 9000, modifiedon = '{SampleDatabases.Now()}' WHERE accountnumber = '10000'");
        SampleDatabases.Execute(crm, "DELETE FROM account WHERE accountnumber = '30000'");
        SampleDatabases.Execute(erp, $"UPDATE Customer SET Phone = '555-0333', LastModifiedAt = '{SampleDatabases.Now()}' WHERE No = '30000'");
        Drain(engine.Run(new RunRequest()));
        Drain(engine.Run(new RunRequest())); // the same failure twice: both records are skipped
        return directory;
    }

    private static void Drain(IEnumerable<Engine.State.SyncJob> jobs)
    {
        foreach (var _ in jobs) { }
    }
}
