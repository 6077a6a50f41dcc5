using System.Data.Common;
using Microsoft.Data.Sqlite;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Sync;

namespace SyncAdmin.Engine.Admin;

/// <summary>Test-SyncSetup: the seeds' setup errors ("typically require an administrator's attention") found before a run
/// meets them. Per mapping, each side's connection, file, account, permissions, read and write, indexes and clock, then
/// the mapping's schema and lookups. Nothing is written: write permission is probed with statements that match no row, in
/// a transaction that is rolled back.</summary>
public sealed class SetupChecks
{
    /// <summary>From this many rows a lookup by an unindexed column is a scan worth warning about.</summary>
    public const long LargeTableRows = 100_000;

    /// <summary>A password that expires within this many days is a warning: the runbook would stop then.</summary>
    public const int PasswordWarningDays = 14;

    /// <summary>Distinct values of a lookup field checked (a currency or country column has a handful).</summary>
    private const int LookupValueLimit = 100_000;

    /// <summary>Values named in a message; the result's Details list them all.</summary>
    private const int ListedValues = 10;

    private readonly StateStore _store;
    private readonly IReadOnlyDictionary<string, DatabaseCredential>? _credentials;
    private readonly Func<string, string?> _environment;

    public SetupChecks(StateStore store, IReadOnlyDictionary<string, DatabaseCredential>? credentials, Func<string, string?>? environment = null)
    {
        _store = store;
        _credentials = credentials;
        _environment = environment ?? Environment.GetEnvironmentVariable;
    }

    /// <summary>Every check of the named mappings (all when none are named), mapping by mapping, as each finishes.</summary>
    public IEnumerable<SetupCheckResult> Run(IReadOnlyList<string>? mappings = null)
    {
        var names = mappings is null || mappings.Count == 0 ? _store.Mappings.List().Select(m => m.Name).ToList() : mappings;
        foreach (var name in names)
        {
            var stored = _store.Mappings.Get(name);
            var reachable = true;
            foreach (var side in new[] { Side.Local, Side.Integration })
                foreach (var result in CheckSide(stored, side))
                {
                    if (result.Status == SetupCheckStatus.Failed && result.Check is SetupCheckKind.Credential or SetupCheckKind.Connection or SetupCheckKind.Read)
                        reachable = false;
                    yield return result;
                }
            if (!reachable) continue; // the schema and lookups would only repeat that a side cannot be read
            using var opener = new DatabaseTableOpener(_store.Mappings, _credentials);
            foreach (var result in CheckSchema(stored.Definition, opener)) yield return result;
            foreach (var result in CheckLookups(stored.Definition, opener)) yield return result;
        }
    }

    private IEnumerable<SetupCheckResult> CheckSide(StoredMapping stored, Side side)
    {
        var mapping = stored.Definition;
        var definition = mapping.TableOf(side);
        SetupCheckResult Result(SetupCheckKind check, SetupCheckStatus status, string message, IReadOnlyList<string>? details = null) => new()
        {
            Mapping = mapping.Name, Connection = definition.Connection, Table = definition.Name, Check = check, Status = status,
            Message = message, Details = details ?? Array.Empty<string>(),
        };

        var connection = _store.Mappings.FindConnection(definition.Connection);
        if (connection is null)
        {
            yield return Result(SetupCheckKind.Connection, SetupCheckStatus.Failed,
                $"There is no connection named '{definition.Connection}' in the store; import a file that defines it.");
            yield break;
        }
        var credential = _credentials?.FirstOrDefault(c => MappingStore.Names.Equals(c.Key, connection.Name)).Value;
        if (CheckCredential(connection, credential) is { } credentialCheck)
        {
            yield return Result(SetupCheckKind.Credential, credentialCheck.Status, credentialCheck.Message);
            if (credentialCheck.Status == SetupCheckStatus.Failed) yield break;
        }

        DbConnection database;
        string? openFailure = null;
        try
        {
            database = DatabaseConnections.Open(connection, credential, _environment);
        }
        catch (Exception e) when (e is DatabaseConnectionException or ConfigurationException)
        {
            database = null!;
            openFailure = e.Message;
        }
        if (openFailure is not null)
        {
            yield return Result(SetupCheckKind.Connection, SetupCheckStatus.Failed, openFailure);
            yield break;
        }
        using var _ = database;
        yield return Result(SetupCheckKind.Connection, SetupCheckStatus.Passed, $"Connection '{connection.Name}' opens ({ConnectionDisplay.Of(connection)}).");

        var writes = new[] { SyncDirection.ToIntegrationTable, SyncDirection.FromIntegrationTable }
            .Any(pass => pass.SourceSide() != side && mapping.Direction.Permits(pass));
        if (database is SqliteConnection sqlite && SqliteFileCheck.Of(sqlite.DataSource, writes) is { } file)
            yield return Result(SetupCheckKind.File, file.Status, file.Message);

        IRecordTable table;
        string? tableFailure = null;
        try
        {
            table = DatabaseConnections.OpenTable(database, connection.Provider, definition, Array.Empty<string>(), ConnectionDisplay.Of(connection));
        }
        catch (Exception e) when (e is ConfigurationException or DbException)
        {
            table = null!;
            tableFailure = e.Message;
        }
        if (tableFailure is not null)
        {
            yield return Result(SetupCheckKind.Read, SetupCheckStatus.Failed, tableFailure);
            yield break;
        }
        using var __ = table;
        var inspection = (ITableInspection)table;

        foreach (var check in AccountChecks(inspection, definition.Name, writes))
            yield return Result(check.Kind, check.Status, check.Message);
        yield return Attempt(SetupCheckKind.Read, () =>
        {
            table.ReadPage(null, null, 1);
            return (SetupCheckStatus.Passed, $"{definition.Name} can be read ({inspection.Count():N0} rows).");
        }, Result);
        if (writes)
            yield return Attempt(SetupCheckKind.Write, () => inspection.WriteRefusal() is { } refusal
                ? (SetupCheckStatus.Failed, $"{definition.Name} cannot be written through connection '{connection.Name}': {refusal}")
                : (SetupCheckStatus.Passed, $"{definition.Name} can be written (insert, update and delete probed in a transaction that was rolled back)."), Result);
        yield return Attempt(SetupCheckKind.Index, () => IndexCheck(mapping, side, inspection), Result);
        yield return Attempt(SetupCheckKind.Clock, () => ClockCheck(stored, side, inspection), Result);
    }

    /// <summary>A check that asks the database; a failure of the database is the check's result, not the end of the run.</summary>
    private static SetupCheckResult Attempt(SetupCheckKind kind, Func<(SetupCheckStatus, string)> check,
        Func<SetupCheckKind, SetupCheckStatus, string, IReadOnlyList<string>?, SetupCheckResult> result)
    {
        try
        {
            var (status, message) = check();
            return result(kind, status, message, null);
        }
        catch (Exception e) when (e is DbException or DatabaseOperationException or InvalidOperationException)
        {
            return result(kind, SetupCheckStatus.Failed, e.Message, null);
        }
    }

    private (SetupCheckStatus Status, string Message)? CheckCredential(ConnectionDefinition connection, DatabaseCredential? credential)
    {
        var missing = ConnectionStringPlaceholders.Names(connection.ConnectionString).Where(n => _environment(n) is null).ToList();
        if (missing.Count > 0)
            return (SetupCheckStatus.Failed,
                $"Connection '{connection.Name}' needs the environment variable{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing.Select(m => $"'{m}'"))}, " +
                "not set in this process; set it where the sync runs (the runbook's or service's environment).");
        if (connection.Provider != ProviderKind.SqlServer) return null;
        if (credential is not null)
            return (SetupCheckStatus.Passed, $"Connection '{connection.Name}' signs in as '{credential.UserName}' (the credential given to Connect-SyncStore).");
        return SqlServerSignInWay(connection.ConnectionString) is { } way
            ? (SetupCheckStatus.Passed, $"Connection '{connection.Name}' signs in {way}.")
            : (SetupCheckStatus.Failed,
                $"Connection '{connection.Name}' names no way to sign in (no Integrated Security, no User ID with a Password, no Authentication). " +
                $"Give one: Connect-SyncStore … -ConnectionCredential @{{ '{connection.Name}' = (Get-Credential) }}.");
    }

    /// <summary>How a SQL Server connection string signs in, or null when it names no way.</summary>
    private static string? SqlServerSignInWay(string connectionString)
    {
        var builder = new DbConnectionStringBuilder();
        try { builder.ConnectionString = connectionString; }
        catch (ArgumentException) { return null; }
        string? Value(params string[] keys) => keys.Select(k => builder.TryGetValue(k, out var v) ? Convert.ToString(v) : null).FirstOrDefault(v => !string.IsNullOrEmpty(v));
        if (Value("Integrated Security", "Trusted_Connection") is { } integrated && integrated.Trim().ToLowerInvariant() is "true" or "sspi" or "yes")
            return "with the Windows account of the process (Integrated Security)";
        if (Value("Authentication") is { } authentication) return $"with Authentication={authentication}";
        var user = Value("User ID", "UID", "User", "UserID");
        return user is not null && Value("Password", "PWD") is not null ? $"as '{user}'" : null;
    }

    private static IEnumerable<(SetupCheckKind Kind, SetupCheckStatus Status, string Message)> AccountChecks(ITableInspection table, string name, bool writes)
    {
        DatabaseAccount? account;
        IReadOnlyList<string>? missing;
        try
        {
            account = table.Account();
            missing = table.MissingPermissions();
        }
        catch (DbException e)
        {
            return new[] { (SetupCheckKind.Account, SetupCheckStatus.Warning, $"The account could not be inspected: {e.Message}") };
        }
        var results = account is null ? new List<(SetupCheckKind, SetupCheckStatus, string)>() : Judge(account).ToList();
        if (missing is not null) results.Add(Judge(missing, name, writes));
        return results;
    }

    /// <summary>The seeds' account mistakes: an administrator used as the integration user, a password that must change
    /// at sign-in, has expired or expires soon.</summary>
    internal static IEnumerable<(SetupCheckKind Kind, SetupCheckStatus Status, string Message)> Judge(DatabaseAccount account)
    {
        var login = account.Login ?? "(unknown)";
        const string ownLogin = "Give the sync its own login with only SELECT, INSERT, UPDATE and DELETE on its tables.";
        yield return account.IsServerAdministrator
            ? (SetupCheckKind.Account, SetupCheckStatus.Warning,
                $"Login '{login}' is a server administrator (sysadmin): an administrator account is used as the integration user. {ownLogin}")
            : account.IsDatabaseOwner
                ? (SetupCheckKind.Account, SetupCheckStatus.Warning,
                    $"Login '{login}' owns the database (db_owner): an administrator account is used as the integration user. {ownLogin}")
                : (SetupCheckKind.Account, SetupCheckStatus.Passed, $"Login '{login}' is not an administrator of the server or the database.");
        yield return account switch
        {
            { MustChangePassword: true } => (SetupCheckKind.Password, SetupCheckStatus.Failed,
                $"Login '{login}' must change its password at the next sign-in, so unattended runs cannot sign in. Change it " +
                "(ALTER LOGIN … WITH PASSWORD = …) and give the new one to the sync."),
            { DaysUntilPasswordExpires: <= 0 } => (SetupCheckKind.Password, SetupCheckStatus.Failed,
                $"The password of login '{login}' has expired. Change it and give the new one to the sync."),
            { DaysUntilPasswordExpires: <= PasswordWarningDays } => (SetupCheckKind.Password, SetupCheckStatus.Warning,
                $"The password of login '{login}' expires in {account.DaysUntilPasswordExpires} day(s); unattended runs stop signing in then."),
            { MustChangePassword: null, DaysUntilPasswordExpires: null } => (SetupCheckKind.Password, SetupCheckStatus.Passed,
                $"Login '{login}' has no password policy to meet (a Windows login, a contained user, or no expiry)."),
            _ => (SetupCheckKind.Password, SetupCheckStatus.Passed,
                $"The password of login '{login}' need not change{(account.DaysUntilPasswordExpires is { } days ? $" and expires in {days} days" : "")}."),
        };
    }

    internal static (SetupCheckKind Kind, SetupCheckStatus Status, string Message) Judge(IReadOnlyList<string> missing, string table, bool writes)
    {
        var needed = writes ? new[] { "SELECT", "INSERT", "UPDATE", "DELETE" } : new[] { "SELECT" };
        var lacking = needed.Where(missing.Contains).ToList();
        return lacking.Count == 0
            ? (SetupCheckKind.Permission, SetupCheckStatus.Passed, $"The account may {string.Join(", ", needed)} {table}.")
            : (SetupCheckKind.Permission, SetupCheckStatus.Failed,
                $"The account may not {string.Join(", ", lacking)} {table}{(writes ? ", which the mapping writes" : "")}: " +
                $"GRANT {string.Join(", ", lacking)} ON {table} TO the sync's user.");
    }

    private static (SetupCheckStatus, string) IndexCheck(MappingDefinition mapping, Side side, ITableInspection table)
    {
        var definition = mapping.TableOf(side);
        var looked = new List<string> { definition.Key };
        if (definition.ModifiedOn is not null) looked.Add(definition.ModifiedOn);
        looked.AddRange(mapping.MatchOn.Select(m => side == Side.Local ? m.Field : m.IntegrationField));
        var indexed = table.IndexedLeadingColumns();
        var unindexed = looked.Distinct(StringComparer.OrdinalIgnoreCase).Where(c => !indexed.Contains(c)).ToList();
        if (unindexed.Count == 0)
            return (SetupCheckStatus.Passed, $"{definition.Name}: the key, modified-on and matchOn columns lead an index.");
        var rows = table.Count();
        var columns = string.Join(", ", unindexed);
        return rows >= LargeTableRows
            ? (SetupCheckStatus.Warning,
                $"{definition.Name} has {rows:N0} rows and no index leads with {columns}: each run scans the table to find rows by " +
                $"{(unindexed.Count == 1 ? "it" : "them")}. Create an index on {(unindexed.Count == 1 ? "it" : "each")}.")
            : (SetupCheckStatus.Passed,
                $"{definition.Name} has {rows:N0} rows; no index leads with {columns}, which matters from {LargeTableRows:N0} rows.");
    }

    private static (SetupCheckStatus, string) ClockCheck(StoredMapping stored, Side side, ITableInspection table)
    {
        var now = table.DatabaseUtcNow();
        var watermark = stored.Watermark(side);
        var skew = now - DateTime.UtcNow;
        var skewText = Math.Abs(skew.TotalSeconds) < 1 ? "agrees with this machine's"
            : $"is {Math.Abs(skew.TotalSeconds):N0} s {(skew > TimeSpan.Zero ? "ahead of" : "behind")} this machine's";
        var parameter = side == Side.Local ? "-LocalWatermark" : "-IntegrationWatermark";
        if (watermark is { } w && w > now.AddSeconds(1))
            return (SetupCheckStatus.Warning,
                $"The watermark of {stored.Definition.TableOf(side).Name}, {w:yyyy-MM-dd HH:mm:ss}Z, is ahead of the database's clock " +
                $"({now:yyyy-MM-dd HH:mm:ss}Z): records changed until then are never read. Move it back: Set-IntegrationMapping -Name " +
                $"'{stored.Name}' {parameter} <time>.");
        return (SetupCheckStatus.Passed,
            $"The database's clock ({now:yyyy-MM-dd HH:mm:ss}Z) {skewText}; the watermark " +
            $"{(watermark is null ? "is not set yet" : $"{watermark:yyyy-MM-dd HH:mm:ss}Z is behind it")}.");
    }

    private static IEnumerable<SetupCheckResult> CheckSchema(MappingDefinition mapping, ITableOpener opener)
    {
        IReadOnlyList<string> problems;
        try { problems = SchemaValidation.Check(mapping, opener); }
        catch (Exception e) when (e is DbException or DatabaseConnectionException or DatabaseOperationException or ConfigurationException)
        {
            problems = new[] { e.Message };
        }
        if (problems.Count == 0)
            yield return new SetupCheckResult
            {
                Mapping = mapping.Name, Check = SetupCheckKind.Schema, Status = SetupCheckStatus.Passed,
                Message = "Every column the mapping names exists on its side, and each mapped type converts.",
            };
        foreach (var problem in problems)
            yield return new SetupCheckResult { Mapping = mapping.Name, Check = SetupCheckKind.Schema, Status = SetupCheckStatus.Failed, Message = problem };
    }

    /// <summary>The seeds' "exchange rates not specified in one app": a value a lookup field uses that the lookup's
    /// mapping has not coupled fails every record that carries it. Values that exist but are not coupled (run or couple
    /// the lookup's mapping) are told apart from values that exist nowhere (fix the records).</summary>
    private IEnumerable<SetupCheckResult> CheckLookups(MappingDefinition mapping, ITableOpener opener)
    {
        foreach (var field in mapping.Fields.Where(f => f.Lookup is not null && !f.HasConstant))
        foreach (var pass in new[] { SyncDirection.ToIntegrationTable, SyncDirection.FromIntegrationTable })
        {
            if (!field.EffectiveDirection(mapping.Direction).Permits(pass) || field.SourceColumn(pass) is not { } column) continue;
            SetupCheckResult result;
            try
            {
                result = CheckLookup(mapping, field, pass.SourceSide(), column, opener);
            }
            catch (Exception e) when (e is DbException or DatabaseConnectionException or DatabaseOperationException or ConfigurationException
                                          or MappingNotFoundException)
            {
                result = new SetupCheckResult
                {
                    Mapping = mapping.Name, Table = mapping.TableOf(pass.SourceSide()).Name, Check = SetupCheckKind.Lookup,
                    Status = SetupCheckStatus.Failed, Message = $"{column} through {field.Lookup}: {e.Message}",
                };
            }
            yield return result;
        }
    }

    private SetupCheckResult CheckLookup(MappingDefinition mapping, FieldMapping field, Side side, string column, ITableOpener opener)
    {
        var table = mapping.TableOf(side);
        var lookup = _store.Mappings.Get(field.Lookup!);
        using var source = opener.Open(table, new[] { column });
        var values = ((ITableInspection)source).DistinctValues(column, LookupValueLimit)
            .Where(v => v is not UnconvertibleValue).Select(v => CanonicalValue.Of(v)!).ToList();
        var coupled = _store.Couplings.FindMany(lookup.Name, side, values).Where(c => c.Value.IsCoupled).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var uncoupled = values.Where(v => !coupled.Contains(v)).ToList();
        SetupCheckResult Result(SetupCheckStatus status, string message, IReadOnlyList<string>? details = null) => new()
        {
            Mapping = mapping.Name, Connection = table.Connection, Table = table.Name, Check = SetupCheckKind.Lookup, Status = status,
            Message = message, Details = details ?? Array.Empty<string>(),
        };
        var what = $"{table.Name}.{column} (through mapping {lookup.Name})";
        if (uncoupled.Count == 0)
            return Result(SetupCheckStatus.Passed, $"Every value of {what} is coupled ({values.Count:N0} distinct value(s)).");

        var lookupTable = lookup.Definition.TableOf(side);
        using var target = opener.Open(lookupTable, Array.Empty<string>());
        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in uncoupled.Chunk(SqlDialect.MaxKeysPerStatement))
        {
            var keys = new List<object>();
            foreach (var value in chunk)
            {
                try { keys.Add(target.ParseKey(value)); }
                catch (Exception e) when (e is FormatException or ArgumentException or ValueConversionException or OverflowException) { }
            }
            foreach (var row in target.ReadByKeys(keys)) existing.Add(CanonicalValue.Of(row.Key)!);
        }
        var notCoupled = uncoupled.Where(existing.Contains).ToList();
        var nowhere = uncoupled.Where(v => !existing.Contains(v)).ToList();
        var parts = new List<string>();
        if (notCoupled.Count > 0)
            parts.Add($"{notCoupled.Count:N0} exist in {lookupTable.Name} but are not coupled ({Listed(notCoupled)}): run mapping " +
                      $"{lookup.Name} first, or couple them with New-Coupling");
        if (nowhere.Count > 0)
            parts.Add($"{nowhere.Count:N0} do not exist in {lookupTable.Name} at all ({Listed(nowhere)}): correct the records that use them");
        var outcome = field.ClearValueOnFailedSync
            ? "; the mapping clears the field for those records (clearValueOnFailedSync)"
            : "; every record that uses one fails";
        return Result(field.ClearValueOnFailedSync ? SetupCheckStatus.Warning : SetupCheckStatus.Failed,
            $"{uncoupled.Count:N0} value(s) of {what} are not coupled: {string.Join("; ", parts)}{outcome}.",
            notCoupled.Select(v => $"not coupled: {v}").Concat(nowhere.Select(v => $"does not exist: {v}")).ToList());
    }

    private static string Listed(IReadOnlyList<string> values) =>
        string.Join(", ", values.Take(ListedValues).Select(v => $"'{v}'")) + (values.Count > ListedValues ? $", … {values.Count - ListedValues:N0} more" : "");
}
