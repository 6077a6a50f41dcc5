using System.Text.Json;
using SyncAdmin.Demo;

// dotnet run --project examples/SyncAdmin.Demo                     the story, in a fresh folder under the temp folder
// dotnet run --project examples/SyncAdmin.Demo -- story <folder>     the story, in <folder> (recreated)
// SyncAdmin.Demo create <folder>                                     fresh erp.db and crm.db (for demo.ps1 and Pester)
// dotnet run --project examples/SyncAdmin.Demo -- tour <folder>       the README tour's sample: synchronized, then a
//                                                                    conflict and a deleted account, both skipped
// SyncAdmin.Demo sql <database> <statement>                          runs SQL; a query prints its rows as JSON
try
{
    switch (args.FirstOrDefault())
    {
        case null or "story":
            var folder = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "syncadmin-demo");
            new SeedStory(folder, Console.Out).Run();
            return 0;
        case "create" when args.Length == 2:
            var (erp, crm) = SampleDatabases.Create(args[1]);
            Console.WriteLine(JsonSerializer.Serialize(new { erp, crm, mappings = SampleDatabases.MappingFile }));
            return 0;
        case "tour" when args.Length == 2:
            var tour = TourSample.Create(args[1]);
            Console.WriteLine($"The tour's sample is in {tour}: erp.db, crm.db, mappings.yaml and store.db, with two skipped records.");
            Console.WriteLine("In pwsh, with the module imported:  Set-Location <that folder>; $env:SYNCADMIN_DEMO = $PWD.Path; Connect-SyncStore -Path ./store.db");
            return 0;
        case "sql" when args.Length == 3:
            var statement = args[2].TrimStart();
            if (statement.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
                Console.WriteLine(JsonSerializer.Serialize(SampleDatabases.Query(args[1], statement)));
            else
                Console.WriteLine(SampleDatabases.Execute(args[1], statement));
            return 0;
        default:
            Console.Error.WriteLine("usage: SyncAdmin.Demo [story [folder] | create <folder> | tour <folder> | sql <database> <statement>]");
            return 2;
    }
}
catch (Exception e) when (e is IOException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
