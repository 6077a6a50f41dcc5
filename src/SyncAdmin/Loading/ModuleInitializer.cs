using System.Management.Automation;
using System.Runtime.Loader;

namespace SyncAdmin.Loading;

/// <summary>Runs when pwsh imports the module, before it reflects over the cmdlets' parameter types (which are engine
/// types), so the engine is found in the module's dependencies folder.</summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    public void OnImport()
    {
        AssemblyLoadContext.Default.Resolving -= EngineResolution.Resolve; // Import-Module -Force imports again
        AssemblyLoadContext.Default.Resolving += EngineResolution.Resolve;
    }

    public void OnRemove(PSModuleInfo psModuleInfo) => AssemblyLoadContext.Default.Resolving -= EngineResolution.Resolve;
}
