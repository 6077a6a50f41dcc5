using SyncAdmin.HelpBuilder;

// Usage: SyncAdmin.HelpBuilder [--check] [repository root]
// Reads docs/<Cmdlet>.md and out/SyncAdmin/SyncAdmin.dll; writes module/en-US/SyncAdmin.dll-Help.xml, or with --check
// only reports whether that file is up to date.
var check = args.Contains("--check");
var root = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? HelpFiles.FindRepositoryRoot(Environment.CurrentDirectory);
var help = HelpFiles.Generate(root, out var problems);
foreach (var problem in problems) Console.Error.WriteLine(problem);
if (problems.Count > 0) return 1;
var target = HelpFiles.MamlPath(root);
var current = File.Exists(target) ? File.ReadAllText(target) : "";
if (check)
{
    Console.WriteLine(current == help ? $"{target} is up to date." : $"{target} is out of date; run dotnet run --project tools/SyncAdmin.HelpBuilder.");
    return current == help ? 0 : 1;
}
File.WriteAllText(target, help);
Console.WriteLine($"Wrote {target}.");
return 0;
