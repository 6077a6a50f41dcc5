using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using SyncAdmin.Parameters;

namespace SyncAdmin.Commands;

/// <summary>Tab completion of mapping names from the session's store. Never fails: no store, no completions.</summary>
public sealed class MappingNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        IReadOnlyList<string> names;
        try
        {
            var connection = SessionStore.Current;
            var location = StoreLocation.Choose(connection?.Location, Environment.GetEnvironmentVariable(StoreLocation.EnvironmentVariable));
            if (location.Provider == StoreProvider.Sqlite && !File.Exists(location.Target)) return Array.Empty<CompletionResult>();
            using var engine = location.Open(connection?.DatabaseCredentials());
            names = MappingNameCompletion.Complete(engine.Store.Mappings.List().Select(m => m.Name), wordToComplete);
        }
        catch (Exception)
        {
            return Array.Empty<CompletionResult>();
        }
        return names.Select(n => new CompletionResult(n, n.Trim('\''), CompletionResultType.ParameterValue, n.Trim('\''))).ToList();
    }
}
