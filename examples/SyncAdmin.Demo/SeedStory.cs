using SyncAdmin.Engine;
using SyncAdmin.Engine.Admin;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Sync;

namespace SyncAdmin.Demo;

/// <summary>What the story ended with, for the test that runs it.</summary>
public sealed record StoryResult(
    int AccountsAfterFirstSync,
    int FailedInConflictRun,
    int SkippedAfterSecondRun,
    double CreditLimitKeptFromErp,
    int ErrorsRemovedEightDaysLater,
    string? SkippedReasonAfterPurge,
    bool DeletedAccountRestored,
    int FailuresInFinalRun);

/// <summary>The seeds' story ("Troubleshooting Synchronization Errors") through the engine, step by step: import, first
/// sync, edits on both sides, a conflict, an error from a deleted record, reading the log, resolving, purging old errors.
/// Each step names the cmdlet an admin would type; examples/demo.ps1 is the same story in PowerShell.</summary>
public sealed class SeedStory
{
    private readonly string _directory;
    private readonly TextWriter _out;
    private readonly string _erp;
    private readonly string _crm;

    public SeedStory(string directory, TextWriter output)
    {
        _directory = Path.GetFullPath(directory);
        _out = output;
        (_erp, _crm) = SampleDatabases.Create(_directory);
        StorePath = Path.Combine(_directory, "store.db");
        File.Delete(StorePath);
    }

    public string StorePath { get; }

    public StoryResult Run()
    {
        // The mapping file's connection strings say ${env:SYNCADMIN_DEMO}; they resolve when a connection opens.
        Environment.SetEnvironmentVariable("SYNCADMIN_DEMO", _directory);
        _out.WriteLine("SyncAdmin demo: the \"Troubleshooting Synchronization Errors\" story, on two SQLite databases");
        _out.WriteLine($"Folder: {_directory}");
        _out.WriteLine("ERP (erp.db): 2 currencies, 4 customers (40000 is blocked). CRM (crm.db): empty.");

        using var engine = SyncEngine.Open(StorePath);

        Step("1. Import the mappings", "Set-IntegrationMapping -Path mappings.yaml -PassThru");
        Table(new[] { "Name", "Change", "Direction", "Table", "IntegrationTable" },
            engine.ImportMappings(SampleDatabases.MappingFile).Select(c => new[]
                { c.Name, c.Change.ToString(), c.Definition.Direction.ToString(), c.Definition.Table.Name, c.Definition.IntegrationTable.Name }));

        Step("2. First synchronization", "Invoke-RecordSync");
        Jobs(engine.Run(new RunRequest()));
        var accounts = Accounts();
        _out.WriteLine($"The CRM now has {accounts.Count} accounts (the blocked customer is filtered out):");
        Table(new[] { "accountnumber", "name", "telephone1", "creditlimit" },
            accounts.Select(a => new[] { Text(a["accountnumber"]), Text(a["name"]), Text(a["telephone1"]), Text(a["creditlimit"]) }));

        Step("3. Edits on both sides", "Invoke-RecordSync");
        EditCustomer("10000", "Phone = '555-0199'");
        EditAccount("20000", "emailaddress1 = 'contact@treyresearch.example'");
        _out.WriteLine("ERP: customer 10000's phone becomes 555-0199. CRM: Trey Research's e-mail becomes contact@treyresearch.example.");
        Jobs(engine.Run(new RunRequest()));
        _out.WriteLine($"CRM account 10000 phone: {Account("10000")["telephone1"]}; ERP customer 20000 e-mail: " +
                       $"{SampleDatabases.Scalar(_erp, "SELECT Email FROM Customer WHERE No = '20000'")}");

        Step("4. A conflict, and a record deleted in one app", "Invoke-RecordSync  (twice)");
        EditCustomer("10000", "CreditLimit = 7500");
        EditAccount("10000", "creditlimit = 9000");
        SampleDatabases.Execute(_crm, "DELETE FROM account WHERE accountnumber = '30000'");
        EditCustomer("30000", "Phone = '555-0333'");
        _out.WriteLine("Both apps change customer 10000's credit limit (ERP 7500, CRM 9000).");
        _out.WriteLine("The CRM deletes the account of customer 30000; the ERP then edits customer 30000.");
        var conflictRun = engine.Run(new RunRequest()).ToList();
        Jobs(conflictRun);
        _out.WriteLine("Run again: a record that fails twice with the same message is skipped until an admin resolves it.");
        var secondRun = engine.Run(new RunRequest()).ToList();
        Jobs(secondRun);

        Step("5. Read the error log", "Get-SyncError");
        Table(new[] { "Time (UTC)", "Mapping", "Source", "Destination", "Message" },
            engine.GetErrors(new ErrorQuery()).Select(e => new[]
                { e.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss"), e.Mapping, e.Source, e.Destination, e.Message }));

        Step("6. Look at the skipped records", "Get-SkippedRecord | Format-List");
        foreach (var record in engine.Skipped.List())
        {
            _out.WriteLine($"{record.Mapping} {record.LocalTable} {record.LocalKey} <-> {record.IntegrationTable} {record.IntegrationKey}" +
                           $"{(record.IntegrationExists ? "" : " (deleted in the CRM)")}");
            _out.WriteLine($"  Reason: {record.Reason}");
            // For a deleted counterpart every field "changed" on that side; show what the surviving side changed.
            foreach (var field in record.Fields.Where(f => (record.LocalExists && f.LocalChanged) || (record.IntegrationExists && f.IntegrationChanged)))
                _out.WriteLine($"  {field.Field}: at last sync {field.BaseLocalValue}, ERP now {field.LocalValue}, CRM now {field.IntegrationValue}");
        }

        Step("7. Resolve the conflict: keep the ERP's credit limit", "Resolve-SkippedRecord -Mapping CUSTOMER -LocalKey 10000 -Keep Local");
        Jobs(new[] { engine.Skipped.Resolve("CUSTOMER", "10000", null, SkippedResolution.KeepLocal).Job! });
        var creditLimit = Convert.ToDouble(Account("10000")["creditlimit"]);
        _out.WriteLine($"CRM account 10000 credit limit: {creditLimit}");

        Step("8. Eight days later: delete entries older than 7 days", "Remove-SyncError -OlderThan 7");
        int removed;
        string? reason;
        using (var later = SyncEngine.Open(StorePath, new EngineOptions { Clock = new ShiftedClock(TimeSpan.FromDays(8)) }))
        {
            removed = later.RemoveErrorsOlderThan(TimeSpan.FromDays(7));
            reason = later.Skipped.List().SingleOrDefault()?.Reason;
        }
        _out.WriteLine($"Removed {removed} entries; the log is empty: {engine.GetErrors(new ErrorQuery()).Any() == false}.");
        _out.WriteLine($"Customer 30000 is still skipped, and still says why (the reason lives on the coupling): {reason}");

        Step("9. Restore the deleted account", "Resolve-SkippedRecord -Mapping CUSTOMER -LocalKey 30000 -Restore");
        Jobs(new[] { engine.Skipped.Resolve("CUSTOMER", "30000", null, SkippedResolution.Restore).Job! });
        var restored = Accounts().Any(a => Text(a["accountnumber"]) == "30000");
        _out.WriteLine($"Account 30000 exists again in the CRM: {restored}");

        Step("10. Everything is in step", "Invoke-RecordSync");
        var final = engine.Run(new RunRequest()).ToList();
        Jobs(final);
        _out.WriteLine($"No failures, no skipped records: {final.Sum(j => j.Failed + j.Skipped) == 0 && !engine.Skipped.List().Any()}.");

        return new StoryResult(accounts.Count, conflictRun.Sum(j => j.Failed), secondRun.Sum(j => j.Skipped), creditLimit, removed, reason,
            restored, final.Sum(j => j.Failed));
    }

    private void Step(string title, string cmdlet)
    {
        _out.WriteLine();
        _out.WriteLine($"== {title}");
        _out.WriteLine($"   PS> {cmdlet}");
    }

    private void Jobs(IEnumerable<SyncJob> jobs) =>
        Table(new[] { "Id", "Mapping", "Direction", "Kind", "Status", "Inserted", "Modified", "Unchanged", "Skipped", "Failed" },
            jobs.Select(j => new[]
            {
                j.Id.ToString(), j.Mapping, j.Direction.ToString(), j.Kind.ToString(), j.Status.ToString(), j.Inserted.ToString(),
                j.Modified.ToString(), j.Unchanged.ToString(), j.Skipped.ToString(), j.Failed.ToString(),
            }));

    private void Table(string[] headers, IEnumerable<string[]> rows)
    {
        var all = rows.ToList();
        var widths = headers.Select((h, i) => Math.Min(60, all.Select(r => r[i].Length).Append(h.Length).Max())).ToArray();
        string Line(string[] cells) => "   " + string.Join("  ", cells.Select((c, i) => (c.Length > widths[i] ? c[..(widths[i] - 1)] + "…" : c).PadRight(widths[i]))).TrimEnd();
        _out.WriteLine(Line(headers));
        _out.WriteLine(Line(widths.Select(w => new string('-', w)).ToArray()));
        foreach (var row in all) _out.WriteLine(Line(row));
    }

    private void EditCustomer(string no, string set) =>
        SampleDatabases.Execute(_erp, $"UPDATE Customer SET {set}, LastModifiedAt = '{SampleDatabases.Now()}' WHERE No = '{no}'");

    private void EditAccount(string accountNumber, string set) =>
        SampleDatabases.Execute(_crm, $"UPDATE account SET {set}, modifiedon = '{SampleDatabases.Now()}' WHERE accountnumber = '{accountNumber}'");

    private List<Dictionary<string, object?>> Accounts() => SampleDatabases.Query(_crm, "SELECT * FROM account ORDER BY accountnumber");

    private Dictionary<string, object?> Account(string accountNumber) => Accounts().Single(a => Text(a["accountnumber"]) == accountNumber);

    private static string Text(object? value) => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";

    /// <summary>The store's clock moved forward, to show what "older than 7 days" does a week later.</summary>
    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }
}
