using SyncAdmin.HelpBuilder;

namespace SyncAdmin.Tests.Support;

/// <summary>Paths of the repository the tests run from, and of the module the build laid out in it.</summary>
public static class Repository
{
    public static string Root { get; } = HelpFiles.FindRepositoryRoot(AppContext.BaseDirectory);

    public static string ModuleDirectory => HelpFiles.ModuleDirectory(Root);

    public static string DependencyDirectory => Path.Combine(ModuleDirectory, "dependencies");

    public static string File(params string[] parts) => Path.Combine(new[] { Root }.Concat(parts).ToArray());
}
