using System.Reflection;
using System.Runtime.InteropServices;

namespace SyncAdmin.HelpBuilder;

/// <summary>How one parameter takes part in one parameter set.</summary>
public sealed record ParameterSetEntry(string SetName, bool Mandatory, int? Position, bool ValueFromPipeline, bool ValueFromPipelineByPropertyName)
{
    public const string AllSets = "__AllParameterSets";
}

public sealed record CmdletParameter(
    string Name,
    Type Type,
    IReadOnlyList<string> Aliases,
    bool SupportsWildcards,
    string? Completer,
    IReadOnlyList<ParameterSetEntry> Sets)
{
    public bool IsSwitch => Type.FullName == "System.Management.Automation.SwitchParameter";

    public string TypeName => Type.Name;

    public ParameterSetEntry? In(string set) =>
        Sets.FirstOrDefault(s => s.SetName == set) ?? Sets.FirstOrDefault(s => s.SetName == ParameterSetEntry.AllSets);

    public bool TakesPipelineInput => Sets.Any(s => s.ValueFromPipeline || s.ValueFromPipelineByPropertyName);
}

public sealed record CmdletDefinition(
    string Name,
    string Verb,
    string Noun,
    Type Type,
    string? DefaultParameterSet,
    bool SupportsShouldProcess,
    string ConfirmImpact,
    IReadOnlyList<Type> OutputTypes,
    IReadOnlyList<CmdletParameter> Parameters)
{
    /// <summary>The named parameter sets, default first; a cmdlet without any has the one implicit set.</summary>
    public IReadOnlyList<string> ParameterSets
    {
        get
        {
            var named = Parameters.SelectMany(p => p.Sets).Select(s => s.SetName).Where(s => s != ParameterSetEntry.AllSets).Distinct().ToList();
            if (named.Count == 0) return new[] { ParameterSetEntry.AllSets };
            return named.OrderBy(s => s == DefaultParameterSet ? 0 : 1).ToList();
        }
    }

    public IReadOnlyList<CmdletParameter> ParametersIn(string set) => Parameters.Where(p => p.In(set) is not null).ToList();

    public CmdletParameter? Parameter(string name) => Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Reads the cmdlets of a laid-out module (SyncAdmin.dll plus dependencies/) through a MetadataLoadContext, with
/// PowerShellStandard.Library's System.Management.Automation as the PowerShell reference: nothing is loaded to run.</summary>
public sealed class CmdletSurface : IDisposable
{
    private readonly MetadataLoadContext _context;

    private CmdletSurface(MetadataLoadContext context, Assembly module)
    {
        _context = context;
        Module = module;
        Automation = context.LoadFromAssemblyName("System.Management.Automation");
        Cmdlets = module.GetTypes()
            .Where(t => t.IsPublic && !t.IsAbstract && Attribute(t, "CmdletAttribute") is not null)
            .Select(Read)
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
    }

    public Assembly Module { get; }
    public Assembly Automation { get; }
    public IReadOnlyList<CmdletDefinition> Cmdlets { get; }

    public static string ReferenceAssembly => Path.Combine(AppContext.BaseDirectory, "reference", "System.Management.Automation.dll");

    public static CmdletSurface Load(string moduleDirectory)
    {
        var modulePath = Path.Combine(moduleDirectory, "SyncAdmin.dll");
        if (!File.Exists(modulePath)) throw new FileNotFoundException($"{modulePath} is missing; build src/SyncAdmin first.", modulePath);
        var paths = Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")
            .Concat(Directory.GetFiles(Path.Combine(moduleDirectory, "dependencies"), "*.dll"))
            .Append(ReferenceAssembly)
            .Append(modulePath);
        var context = new MetadataLoadContext(new PathAssemblyResolver(paths), "System.Private.CoreLib");
        return new CmdletSurface(context, context.LoadFromAssemblyPath(modulePath));
    }

    /// <summary>A type of the module, the engine or PowerShell, by full name.</summary>
    public Type? FindType(string fullName)
    {
        foreach (var name in new[] { "SyncAdmin", "SyncAdmin.Engine", "System.Management.Automation" })
            if (_context.LoadFromAssemblyName(name).GetType(fullName) is { } type) return type;
        return null;
    }

    public static CustomAttributeData? Attribute(MemberInfo member, string name) =>
        member.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.Name == name);

    public static IEnumerable<CustomAttributeData> Attributes(MemberInfo member, string name) =>
        member.GetCustomAttributesData().Where(a => a.AttributeType.Name == name);

    public static T? Named<T>(CustomAttributeData attribute, string name) =>
        attribute.NamedArguments.Where(a => a.MemberName == name).Select(a => (T?)a.TypedValue.Value).FirstOrDefault();

    private static CmdletDefinition Read(Type type)
    {
        var cmdlet = Attribute(type, "CmdletAttribute")!;
        var verb = (string)cmdlet.ConstructorArguments[0].Value!;
        var noun = (string)cmdlet.ConstructorArguments[1].Value!;
        var impact = Named<int?>(cmdlet, "ConfirmImpact") ?? 2;
        var outputs = Attributes(type, "OutputTypeAttribute")
            .SelectMany(a => a.ConstructorArguments)
            .SelectMany(arg => arg.Value is IEnumerable<CustomAttributeTypedArgument> many ? many.Select(m => m.Value) : new[] { arg.Value })
            .OfType<Type>()
            .ToList();
        var parameters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => Attribute(p, "ParameterAttribute") is not null)
            .OrderBy(p => p.MetadataToken)
            .Select(ReadParameter)
            .ToList();
        return new CmdletDefinition($"{verb}-{noun}", verb, noun, type, Named<string>(cmdlet, "DefaultParameterSetName"),
            Named<bool>(cmdlet, "SupportsShouldProcess"), impact switch { 0 => "None", 1 => "Low", 3 => "High", _ => "Medium" },
            outputs, parameters);
    }

    private static CmdletParameter ReadParameter(PropertyInfo property)
    {
        var sets = Attributes(property, "ParameterAttribute").Select(a =>
        {
            var position = Named<int?>(a, "Position");
            return new ParameterSetEntry(
                Named<string>(a, "ParameterSetName") ?? ParameterSetEntry.AllSets,
                Named<bool>(a, "Mandatory"),
                position is null or int.MinValue ? null : position,
                Named<bool>(a, "ValueFromPipeline"),
                Named<bool>(a, "ValueFromPipelineByPropertyName"));
        }).ToList();
        var aliases = Attributes(property, "AliasAttribute")
            .SelectMany(a => a.ConstructorArguments)
            .SelectMany(arg => arg.Value is IEnumerable<CustomAttributeTypedArgument> many ? many.Select(m => (string)m.Value!) : new[] { (string)arg.Value! })
            .ToList();
        var completer = Attribute(property, "ArgumentCompleterAttribute")?.ConstructorArguments.Select(a => a.Value).OfType<Type>().FirstOrDefault()?.FullName;
        return new CmdletParameter(property.Name, property.PropertyType, aliases, Attribute(property, "SupportsWildcardsAttribute") is not null,
            completer, sets);
    }

    public void Dispose() => _context.Dispose();
}
