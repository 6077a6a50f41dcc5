using System.Reflection;
using SyncAdmin.Tests.Support;

namespace SyncAdmin.Tests.Surface;

/// <summary>Import-Module lists the module's exported types before it runs OnImport, the hook that lets the engine load
/// from the module's own context. Loading a type loads its base types, interfaces and the types of its value-type fields
/// (an enum field included), so none of those may come from the engine or its dependencies, or Import-Module fails
/// with a ReflectionTypeLoadException. (Property and method signatures are resolved later, after OnImport.)</summary>
[Collection(ModuleSurfaceCollection.Name)]
public class TypeScanTests(ModuleSurface module)
{
    private static readonly string[] NotYetLoadable =
        { "SyncAdmin.Engine", "Microsoft.Data.SqlClient", "Microsoft.Data.Sqlite", "YamlDotNet", "SQLitePCLRaw" };

    private static bool Mentions(Type type) =>
        NotYetLoadable.Any(a => type.Assembly.GetName().Name!.StartsWith(a, StringComparison.Ordinal))
        || (type.HasElementType && Mentions(type.GetElementType()!))
        || (type.IsGenericType && type.GetGenericArguments().Any(Mentions));

    [Fact]
    public void Loading_the_exported_types_needs_nothing_from_the_engine()
    {
        var problems = new List<string>();
        foreach (var exported in module.Surface.Module.GetExportedTypes())
            for (var type = exported; type is not null && type.Assembly == module.Surface.Module; type = type.BaseType)
            {
                if (type.BaseType is { } baseType && Mentions(baseType)) problems.Add($"{type.FullName} derives from {baseType.FullName}");
                problems.AddRange(type.GetInterfaces().Where(Mentions).Select(i => $"{type.FullName} implements {i.FullName}"));
                var fields = type.GetFields(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly);
                problems.AddRange(fields.Where(f => f.FieldType.IsValueType && Mentions(f.FieldType))
                    .Select(f => $"{type.FullName}.{f.Name} is a {f.FieldType}"));
            }
        Assert.Empty(problems);
    }

    [Fact]
    public void The_cmdlets_and_the_initializer_are_among_the_exported_types()
    {
        var exported = module.Surface.Module.GetExportedTypes().Select(t => t.FullName).ToHashSet();
        Assert.All(module.Cmdlets, c => Assert.Contains(c.Type.FullName, exported));
        Assert.Contains("SyncAdmin.Loading.ModuleInitializer", exported);
    }
}
