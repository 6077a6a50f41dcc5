using SyncAdmin.Engine.Configuration;

namespace SyncAdmin.Engine.Admin;

/// <summary>Whether a SQLite database's file and its folder can be written: a read-only file makes every write fail, and
/// a read-only folder keeps SQLite from creating the -wal and -shm files beside the database (even reads of a WAL
/// database need them). Probed by opening the file for writing and creating a file in the folder: mode bits, ACLs,
/// immutable flags and read-only mounts all answer the same way.</summary>
internal static class SqliteFileCheck
{
    public static (SetupCheckStatus Status, string Message)? Of(string? path, bool written)
    {
        if (string.IsNullOrEmpty(path) || path == ":memory:" || path.StartsWith("file::memory:", StringComparison.OrdinalIgnoreCase)) return null;
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        var problems = new List<string>();
        try
        {
            using var stream = new FileStream(full, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            problems.Add($"the file '{full}' cannot be written ({e.Message.TrimEnd('.')})");
        }
        var probe = Path.Combine(folder, $".syncadmin-probe-{Guid.NewGuid():N}");
        try
        {
            using var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            problems.Add($"the folder '{folder}' does not let SQLite create its journal files there ({e.Message.TrimEnd('.')})");
        }
        if (problems.Count == 0) return (SetupCheckStatus.Passed, $"The file '{full}' and its folder can be written.");
        return (written ? SetupCheckStatus.Failed : SetupCheckStatus.Warning,
            $"{string.Join("; and ", problems)}{(written ? "; the mapping writes this table" : "; reading may still fail where the journal cannot be created")}.");
    }
}
