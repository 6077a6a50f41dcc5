using System.Reflection;
using SyncAdmin.HelpBuilder;
using SyncAdmin.Tests.Support;

namespace SyncAdmin.Tests.Surface;

/// <summary>DESIGN.md §4's conventions, checked on the built module's metadata (no PowerShell host needed).</summary>
[Collection(ModuleSurfaceCollection.Name)]
public class CmdletSurfaceTests(ModuleSurface module)
{
    public static readonly string[] DesignCmdlets =
    {
        "Connect-SyncStore", "Set-IntegrationMapping", "Get-IntegrationMapping", "Invoke-RecordSync", "Get-SyncJob", "Get-SyncError",
        "Remove-SyncError", "Get-SkippedRecord", "Resolve-SkippedRecord", "Get-Coupling", "New-Coupling", "Remove-Coupling",
        "Remove-IntegrationMapping", "Test-SyncSetup", "Get-SyncRecord", "Remove-SyncJob", "Compare-SyncedRecord",
    };

    /// <summary>Cmdlets that change the store or the synchronized databases.</summary>
    public static readonly string[] StateChanging =
    {
        "Connect-SyncStore", "Set-IntegrationMapping", "Invoke-RecordSync", "Remove-SyncError", "Resolve-SkippedRecord", "New-Coupling", "Remove-Coupling",
        "Remove-IntegrationMapping", "Remove-SyncJob",
    };

    /// <summary>Get-Verb's approved verbs (PowerShell 7.4).</summary>
    private static readonly string[] ApprovedVerbs =
    {
        "Add", "Clear", "Close", "Copy", "Enter", "Exit", "Find", "Format", "Get", "Hide", "Join", "Lock", "Move", "New", "Open", "Optimize", "Pop",
        "Push", "Redo", "Remove", "Rename", "Reset", "Resize", "Search", "Select", "Set", "Show", "Skip", "Split", "Step", "Switch", "Undo", "Unlock",
        "Watch", "Connect", "Disconnect", "Read", "Receive", "Send", "Write", "Backup", "Checkpoint", "Compare", "Compress", "Convert", "ConvertFrom",
        "ConvertTo", "Dismount", "Edit", "Expand", "Export", "Group", "Import", "Initialize", "Limit", "Merge", "Mount", "Out", "Publish", "Restore",
        "Save", "Sync", "Unpublish", "Update", "Debug", "Measure", "Ping", "Repair", "Resolve", "Test", "Trace", "Approve", "Assert", "Build",
        "Complete", "Confirm", "Deny", "Deploy", "Disable", "Enable", "Install", "Invoke", "Register", "Request", "Restart", "Resume", "Start", "Stop",
        "Submit", "Suspend", "Uninstall", "Unregister", "Wait", "Block", "Grant", "Protect", "Revoke", "Unblock", "Unprotect", "Use",
    };

    private static readonly string[] DependencyAssemblies = { "Microsoft.Data.SqlClient", "Microsoft.Data.Sqlite", "YamlDotNet", "SQLitePCLRaw" };

    [Fact]
    public void The_module_has_exactly_the_cmdlets_of_the_design() =>
        Assert.Equal(DesignCmdlets.Order(), module.Cmdlets.Select(c => c.Name).Order());

    [Fact]
    public void Every_cmdlet_uses_an_approved_verb_from_PowerShells_verb_classes()
    {
        var verbConstants = new[] { "VerbsCommon", "VerbsCommunications", "VerbsData", "VerbsDiagnostic", "VerbsLifecycle", "VerbsSecurity", "VerbsOther" }
            .SelectMany(t => module.Surface.FindType("System.Management.Automation." + t)!.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet();
        Assert.All(module.Cmdlets, c =>
        {
            Assert.Contains(c.Verb, ApprovedVerbs);
            Assert.Contains(c.Verb, verbConstants);
        });
    }

    [Fact]
    public void Every_cmdlet_declares_what_it_outputs() =>
        Assert.All(module.Cmdlets, c => Assert.NotEmpty(c.OutputTypes));

    [Fact]
    public void Cmdlets_that_change_state_support_ShouldProcess_and_the_others_do_not()
    {
        Assert.All(module.Cmdlets, c => Assert.True(c.SupportsShouldProcess == StateChanging.Contains(c.Name),
            $"{c.Name}: SupportsShouldProcess = {c.SupportsShouldProcess}"));
    }

    [Fact]
    public void Bulk_deletion_asks_unless_Force_and_nothing_defaults_to_a_prompt()
    {
        var remove = module.Cmdlet("Remove-SyncError");
        Assert.NotNull(remove.Parameter("Force")!.In("All"));
        Assert.Null(remove.Parameter("Force")!.Sets.FirstOrDefault(s => s.SetName != "All"));
        // High would prompt under the default $ConfirmPreference, in runbooks too; -All asks through ShouldContinue instead.
        Assert.All(module.Cmdlets, c => Assert.NotEqual("High", c.ConfirmImpact));
    }

    [Fact]
    public void No_two_parameter_sets_can_both_be_satisfied_by_one_command_line()
    {
        foreach (var cmdlet in module.Cmdlets)
        {
            var sets = cmdlet.ParameterSets;
            if (sets.Count > 1) Assert.Contains(cmdlet.DefaultParameterSet, sets);
            foreach (var a in sets)
                foreach (var b in sets.Where(b => string.CompareOrdinal(a, b) < 0))
                {
                    var inA = cmdlet.ParametersIn(a).Select(p => p.Name).ToHashSet();
                    var inB = cmdlet.ParametersIn(b).Select(p => p.Name).ToHashSet();
                    var mandatoryA = cmdlet.ParametersIn(a).Where(p => p.In(a)!.Mandatory).Select(p => p.Name);
                    var mandatoryB = cmdlet.ParametersIn(b).Where(p => p.In(b)!.Mandatory).Select(p => p.Name);
                    var distinguished = mandatoryA.Any(p => !inB.Contains(p)) || mandatoryB.Any(p => !inA.Contains(p));
                    Assert.True(distinguished, $"{cmdlet.Name}: parameter sets {a} and {b} cannot be told apart by their mandatory parameters.");
                }
        }
    }

    [Fact]
    public void Within_a_set_positions_are_unique_and_at_most_one_parameter_takes_the_piped_object_itself()
    {
        foreach (var cmdlet in module.Cmdlets)
            foreach (var set in cmdlet.ParameterSets)
            {
                var entries = cmdlet.ParametersIn(set).Select(p => (p.Name, Entry: p.In(set)!)).ToList();
                var positions = entries.Where(e => e.Entry.Position is not null).Select(e => e.Entry.Position).ToList();
                Assert.True(positions.Count == positions.Distinct().Count(), $"{cmdlet.Name} ({set}): two parameters share a position.");
                Assert.True(entries.Count(e => e.Entry.ValueFromPipeline) <= 1, $"{cmdlet.Name} ({set}): more than one ValueFromPipeline.");
            }
    }

    [Fact]
    public void Every_parameter_naming_a_mapping_completes_mapping_names_with_the_tab_key()
    {
        var mappingParameters = module.Cmdlets.SelectMany(c => c.Parameters.Where(p => p.Name is "Name" or "Mapping" && c.Name != "Connect-SyncStore")
            .Select(p => (Cmdlet: c.Name, Parameter: p))).ToList();
        Assert.Equal(DesignCmdlets.Length - 1, mappingParameters.Select(m => m.Cmdlet).Distinct().Count());
        Assert.All(mappingParameters, m => Assert.Equal("SyncAdmin.Commands.MappingNameCompleter", m.Parameter.Completer));
    }

    [Fact]
    public void Parameters_that_take_mapping_name_patterns_say_they_support_wildcards()
    {
        var patterns = module.Cmdlets.SelectMany(c => c.Parameters.Where(p => p.Name == "Name" && p.Type.IsArray).Select(p => (c.Name, p))).ToList();
        Assert.NotEmpty(patterns);
        Assert.All(patterns, p => Assert.True(p.p.SupportsWildcards, $"{p.Name} -Name"));
    }

    [Fact]
    public void No_dependency_type_appears_in_a_parameter_or_in_what_a_cmdlet_outputs()
    {
        var seen = new HashSet<Type>();
        void Walk(Type type, string where, int depth)
        {
            if (type.IsArray || type.IsByRef) { Walk(type.GetElementType()!, where, depth); return; }
            if (type.IsGenericType) foreach (var argument in type.GetGenericArguments()) Walk(argument, where, depth);
            var assembly = type.Assembly.GetName().Name!;
            Assert.False(DependencyAssemblies.Any(d => assembly.StartsWith(d, StringComparison.Ordinal)),
                $"{where} exposes {type.FullName} from {assembly}");
            if (depth == 0 || !seen.Add(type) || !assembly.StartsWith("SyncAdmin", StringComparison.Ordinal)) return;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                Walk(property.PropertyType, $"{where}.{property.Name}", depth - 1);
        }
        foreach (var cmdlet in module.Cmdlets)
        {
            foreach (var parameter in cmdlet.Parameters) Walk(parameter.Type, $"{cmdlet.Name} -{parameter.Name}", 3);
            foreach (var output in cmdlet.OutputTypes) Walk(output, $"{cmdlet.Name} output {output.Name}", 3);
        }
    }

    [Fact]
    public void The_module_initializer_hooks_loading_before_PowerShell_reflects_over_the_cmdlets()
    {
        var initializer = module.Surface.Module.GetType("SyncAdmin.Loading.ModuleInitializer")!;
        var interfaces = initializer.GetInterfaces().Select(i => i.FullName).ToList();
        Assert.Contains("System.Management.Automation.IModuleAssemblyInitializer", interfaces);
        Assert.Contains("System.Management.Automation.IModuleAssemblyCleanup", interfaces);
    }
}
