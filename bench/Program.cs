using SyncAdmin.Bench;

try
{
    var options = BenchOptions.Parse(args);
    return options.Scenario is null ? Harness.Run(options) : ChildScenarios.Run(options);
}
catch (UsageException e)
{
    if (e.Message.Length > 0 && !e.Message.StartsWith("Exception of type", StringComparison.Ordinal)) Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}
