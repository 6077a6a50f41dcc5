using SyncAdmin.HelpBuilder;

namespace SyncAdmin.Tests.Support;

/// <summary>What PowerShell's parameter binder does with one piped object, worked out from metadata: which parameters
/// bind by property name (a property named like the parameter or one of its aliases) or by value, and which parameter
/// set that leaves. A piped object binds only when some set accepts it with every mandatory parameter filled.</summary>
public static class PipelineBinding
{
    public sealed record Result(string? ParameterSet, IReadOnlyDictionary<string, string> Bound);

    /// <param name="properties">The piped object's public properties: name → type name.</param>
    /// <param name="valueType">The piped object's type name, for ValueFromPipeline.</param>
    /// <param name="given">Parameters given on the command line.</param>
    public static Result Bind(CmdletDefinition cmdlet, IReadOnlyDictionary<string, string> properties, string valueType, params string[] given)
    {
        var candidates = new List<(string Set, Dictionary<string, string> Bound, bool Satisfied)>();
        foreach (var set in cmdlet.ParameterSets)
        {
            var members = cmdlet.ParametersIn(set);
            if (given.Any(g => members.All(m => !string.Equals(m.Name, g, StringComparison.OrdinalIgnoreCase)))) continue;
            var bound = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var parameter in members.Where(m => !given.Contains(m.Name, StringComparer.OrdinalIgnoreCase)))
            {
                var entry = parameter.In(set)!;
                if (entry.ValueFromPipelineByPropertyName)
                {
                    var property = new[] { parameter.Name }.Concat(parameter.Aliases)
                        .FirstOrDefault(n => properties.Keys.Contains(n, StringComparer.OrdinalIgnoreCase));
                    if (property is not null && Accepts(parameter, properties.First(p => string.Equals(p.Key, property, StringComparison.OrdinalIgnoreCase)).Value))
                    {
                        bound[parameter.Name] = property;
                        continue;
                    }
                }
                if (entry.ValueFromPipeline && Accepts(parameter, valueType)) bound[parameter.Name] = "(the object)";
            }
            var satisfied = members.Where(m => m.In(set)!.Mandatory)
                .All(m => bound.ContainsKey(m.Name) || given.Contains(m.Name, StringComparer.OrdinalIgnoreCase));
            if (bound.Count > 0) candidates.Add((set, bound, satisfied));
        }
        var chosen = candidates.Where(c => c.Satisfied).ToList();
        var pick = chosen.Count == 1 ? chosen[0]
            : chosen.FirstOrDefault(c => c.Set == cmdlet.DefaultParameterSet || c.Set == ParameterSetEntry.AllSets);
        return pick.Set is null ? new Result(null, new Dictionary<string, string>()) : new Result(pick.Set, pick.Bound);
    }

    /// <summary>The value's type can reach the parameter's type: the same type, its element type for an array, or text.</summary>
    private static bool Accepts(CmdletParameter parameter, string typeName)
    {
        var target = parameter.Type.IsArray ? parameter.Type.GetElementType()!.FullName : parameter.Type.FullName;
        return target == "System.String" || target == typeName || parameter.Type.FullName == typeName; // anything binds to text
    }

    public static IReadOnlyDictionary<string, string> PropertiesOf(Type type) =>
        type.GetProperties().Where(p => p.GetIndexParameters().Length == 0)
            .GroupBy(p => p.Name).ToDictionary(g => g.Key, g => Unwrap(g.First().PropertyType));

    private static string Unwrap(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Nullable`1" ? type.GetGenericArguments()[0].FullName! : type.FullName!;
}
