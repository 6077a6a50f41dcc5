using System.Data.Common;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers.Sqlite;
using SyncAdmin.Engine.Providers.SqlServer;

namespace SyncAdmin.Engine.Providers;

/// <summary>What differs between databases: which names are allowed and how they are quoted, the SQL text of every
/// statement the table gateway sends, how a schema is read, how values are stored, and which errors are a record's fault.
/// Only validated, quoted identifiers are ever put into SQL text; every value travels as a parameter.</summary>
public abstract class SqlDialect
{
    public const int MaxIdentifierLength = 128;

    /// <summary>Keys per IN list: well below SQLite's historical 999 and SQL Server's 2,100 parameters per statement.</summary>
    public const int MaxKeysPerStatement = 500;

    public const string SinceParameter = "@since";
    public const string AfterModifiedOnParameter = "@afterOn";
    public const string AfterKeyParameter = "@afterKey";
    public const string LimitParameter = "@limit";
    public const string KeyParameter = "@key";

    public static string FilterParameter(int index) => "@f" + index;
    public static string KeysParameter(int index) => "@k" + index;
    public static string MatchParameter(int index) => "@m" + index;
    public static string ValueParameter(int index) => "@v" + index;

    public static SqlDialect For(ProviderKind provider) => provider switch
    {
        ProviderKind.Sqlite => SqliteDialect.Instance,
        ProviderKind.SqlServer => SqlServerDialect.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown provider."),
    };

    public abstract ProviderKind Kind { get; }

    /// <summary>The database's name as an administrator knows it, for messages.</summary>
    public abstract string DisplayName { get; }

    // ---- identifiers ------------------------------------------------------------------------------------------

    /// <summary>Throws <see cref="ConfigurationException"/> naming <paramref name="name"/> unless it is a plain column name.</summary>
    public void ValidateColumnName(string name) => ValidatePart(name, name);

    /// <summary>Throws <see cref="ConfigurationException"/> naming <paramref name="name"/> unless it is a plain table name.</summary>
    public virtual void ValidateTableName(string name) => ValidatePart(name, name);

    public string QuoteColumn(string name)
    {
        ValidateColumnName(name);
        return QuotePart(name);
    }

    public virtual string QuoteTable(string name)
    {
        ValidateTableName(name);
        return QuotePart(name);
    }

    /// <summary>Quotes one already validated name part, doubling the closing quote character.</summary>
    protected abstract string QuotePart(string part);

    /// <summary>Letters, digits, underscore, inner spaces, and the '$' and '-' of Business Central's table names
    /// ("CRONUS$Customer$437dbf0e-…"). Quoting alone would make any name safe; the narrow alphabet is a second line of
    /// defence and catches pasted SQL in a mapping file early, with a clear message.</summary>
    protected void ValidatePart(string? part, string whole)
    {
        if (string.IsNullOrWhiteSpace(part)) throw Invalid(whole, "it is empty");
        if (part.Length > MaxIdentifierLength) throw Invalid(whole, $"it is longer than {MaxIdentifierLength} characters");
        if (part[0] == ' ' || part[^1] == ' ') throw Invalid(whole, "it starts or ends with a space");
        if (part.Contains("--")) throw Invalid(whole, "it contains '--', which starts an SQL comment");
        foreach (var c in part)
        {
            if (!char.IsLetterOrDigit(c) && c is not ('_' or ' ' or '$' or '-'))
                throw Invalid(whole, $"it contains {Shown(c)}; only letters, digits, underscore, space, '$' and '-' are allowed");
        }
    }

    /// <summary>A character as a message can show it: invisible ones (NUL, a zero-width space) by their code point.</summary>
    public static string Shown(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format
            ? $"U+{(int)c:X4}"
            : $"'{c}'";

    protected ConfigurationException Invalid(string? name, string reason)
    {
        var shown = name is null ? "" : name.Length > 140 ? name[..140] + "…" : name;
        shown = new string(shown.Select(c => char.IsControl(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format ? '?' : c).ToArray());
        return new ConfigurationException($"'{shown}' is not a valid {DisplayName} identifier: {reason}.");
    }

    // ---- statements -------------------------------------------------------------------------------------------

    /// <summary>One page of rows matching the filter. Parameters: the filter's, then <c>@since</c> (by modified-on),
    /// <c>@afterOn</c>/<c>@afterKey</c> (when <paramref name="afterPosition"/>) and <c>@limit</c>.</summary>
    public string SelectPage(TableQuery query, PageOrder order, bool afterPosition)
    {
        var key = QuoteColumn(query.Key);
        var where = FilterConditions(query.Filter, FilterParameter);
        string orderBy;
        if (order == PageOrder.ByKey)
        {
            if (afterPosition) where.Add($"{key} > {AfterKeyParameter}");
            orderBy = key;
        }
        else
        {
            var modifiedOn = QuoteColumn(query.ModifiedOn
                ?? throw new ArgumentException($"Table '{query.Table}' has no modified-on column to order by.", nameof(query)));
            where.Add($"{modifiedOn} >= {SinceParameter}");
            if (afterPosition)
                where.Add($"({modifiedOn} > {AfterModifiedOnParameter} OR ({modifiedOn} = {AfterModifiedOnParameter} AND {key} > {AfterKeyParameter}))");
            orderBy = $"{modifiedOn}, {key}";
        }
        return SelectLimited(SelectList(query), QuoteTable(query.Table), where, orderBy, LimitParameter);
    }

    /// <summary>Whether batches of values go as one JSON array parameter (<see cref="KeyList"/>) rather than a parameter each.</summary>
    public virtual bool TakesKeyLists => false;

    /// <summary>The rows whose <paramref name="column"/> is one of the values of the JSON array <c>@keys</c>.</summary>
    public string SelectInList(TableQuery query, string column, bool filtered = false)
    {
        var where = new List<string> { KeyList.Condition(QuoteColumn(column)) };
        if (filtered) where.AddRange(FilterConditions(query.Filter, FilterParameter));
        return $"SELECT {SelectList(query)} FROM {QuoteTable(query.Table)} WHERE {string.Join(" AND ", where)}";
    }

    /// <summary>The rows whose key is one of <c>@k0</c> … <c>@k{count-1}</c>; the table filter does not apply.</summary>
    public string SelectByKeys(TableQuery query, int count) => SelectIn(query, query.Key, count);

    /// <summary>The rows whose <paramref name="column"/> is one of <c>@k0</c> … <c>@k{count-1}</c>; the table filter does not apply.</summary>
    public string SelectIn(TableQuery query, string column, int count, bool filtered = false)
    {
        if (count < 1 || count > MaxKeysPerStatement)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Between 1 and {MaxKeysPerStatement} values per statement.");
        var values = string.Join(", ", Enumerable.Range(0, count).Select(KeysParameter));
        var where = new List<string> { $"{QuoteColumn(column)} IN ({values})" };
        if (filtered) where.AddRange(FilterConditions(query.Filter, FilterParameter));
        return $"SELECT {SelectList(query)} FROM {QuoteTable(query.Table)} WHERE {string.Join(" AND ", where)}";
    }

    /// <summary>Rows whose columns equal <c>@m0</c>, <c>@m1</c>, … (or are null), at most <c>@limit</c>, by key;
    /// the table filter does not apply.</summary>
    public string SelectMatches(TableQuery query, IReadOnlyList<ColumnCondition> conditions)
    {
        if (conditions.Count == 0) throw new ArgumentException("A match needs at least one column.", nameof(conditions));
        var where = FilterConditions(conditions, MatchParameter);
        return SelectLimited(SelectList(query), QuoteTable(query.Table), where, QuoteColumn(query.Key), LimitParameter);
    }

    // ---- inspection (Test-SyncSetup, Compare-SyncedRecord) -----------------------------------------------------

    /// <summary>The names of the columns that lead an index of <c>@table</c> (a lookup by them is a seek, not a scan).</summary>
    public abstract string IndexLeadingColumns { get; }

    /// <summary>The database's own clock, UTC, as one value.</summary>
    public abstract string UtcNow { get; }

    /// <summary>How the inspection statements pass a table's name as <c>@table</c>.</summary>
    public virtual string InspectedTableName(string table) => table;

    /// <summary>The signed-in account: login name, whether it is a server administrator, whether it owns the database,
    /// whether its password must change at the next sign-in, days until the password expires (nulls where the database
    /// has no such notion); null when the database has no accounts (SQLite).</summary>
    public virtual string? AccountQuery => null;

    /// <summary>Whether the signed-in account may SELECT, INSERT, UPDATE and DELETE <c>@table</c> (1 or 0 each); null when
    /// the database has no permissions (SQLite: the write probe and the file check answer instead).</summary>
    public virtual string? PermissionQuery => null;

    /// <summary>How many rows the filter selects (parameters: the filter's), only those modified at or after
    /// <c>@since</c> when <paramref name="since"/>; all rows of the table when <paramref name="filtered"/> is false.</summary>
    public string SelectCount(TableQuery query, bool filtered, bool since)
    {
        var where = filtered ? FilterConditions(query.Filter, FilterParameter) : new List<string>();
        if (since)
            where.Add($"{QuoteColumn(query.ModifiedOn ?? throw new ArgumentException($"Table '{query.Table}' has no modified-on column.", nameof(query)))} >= {SinceParameter}");
        return $"SELECT count(*) FROM {QuoteTable(query.Table)}" + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "");
    }

    /// <summary>Up to <paramref name="limit"/> distinct non-null values of a column among the rows the filter selects
    /// (parameters: the filter's).</summary>
    public string SelectDistinct(TableQuery query, string column, int limit)
    {
        var quoted = QuoteColumn(column);
        var where = FilterConditions(query.Filter, FilterParameter);
        where.Add($"{quoted} IS NOT NULL");
        // DISTINCT in a derived table: T-SQL wants SELECT DISTINCT TOP (n), SQLite DISTINCT … LIMIT n; this reads the same in both.
        var distinct = $"(SELECT DISTINCT {quoted} FROM {QuoteTable(query.Table)} WHERE {string.Join(" AND ", where)}) AS d";
        return SelectLimited(quoted, distinct, Array.Empty<string>(), orderBy: null, limit: limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Write statements that change nothing (they match no row) but need the right to insert, update and delete,
    /// and a database that can be written: run in a transaction that is rolled back.</summary>
    public IReadOnlyList<string> WriteProbes(string table, string key)
    {
        var t = QuoteTable(table);
        var k = QuoteColumn(key);
        return new[]
        {
            $"UPDATE {t} SET {k} = {k} WHERE 1 = 0",
            $"DELETE FROM {t} WHERE 1 = 0",
            $"INSERT INTO {t} ({k}) SELECT {k} FROM {t} WHERE 1 = 0",
        };
    }

    /// <summary>One stored non-null value of a column, so a provider can see how the column keeps its values.</summary>
    public string SelectSample(string table, string column)
    {
        var quoted = QuoteColumn(column);
        return SelectLimited(quoted, QuoteTable(table), new List<string> { $"{quoted} IS NOT NULL" }, orderBy: null, limit: "1");
    }

    /// <summary>Inserts <paramref name="columns"/> from <c>@v0</c>, <c>@v1</c>, …; when <paramref name="returnedKey"/> is given,
    /// the statement yields the stored key of the new row as a scalar (for keys the database assigns).</summary>
    public string Insert(string table, IReadOnlyList<string> columns, string? returnedKey)
    {
        var target = QuoteTable(table);
        var names = columns.Count == 0 ? null : "(" + string.Join(", ", columns.Select(QuoteColumn)) + ")";
        var values = columns.Count == 0 ? null : "(" + string.Join(", ", columns.Select((_, i) => ValueParameter(i))) + ")";
        return InsertStatement(target, names, values, returnedKey is null ? null : QuoteColumn(returnedKey));
    }

    /// <param name="columns">"(a, b)", or null for a row of defaults.</param>
    /// <param name="values">"(@v0, @v1)", or null for a row of defaults.</param>
    /// <param name="returnedKey">The quoted key column to return, or null.</param>
    protected abstract string InsertStatement(string table, string? columns, string? values, string? returnedKey);

    /// <summary>Sets <paramref name="columns"/> from <c>@v0</c>, <c>@v1</c>, … on the row whose key is <c>@key</c>.</summary>
    public string Update(string table, string key, IReadOnlyList<string> columns)
    {
        if (columns.Count == 0) throw new ArgumentException("An update needs at least one column.", nameof(columns));
        var set = string.Join(", ", columns.Select((c, i) => $"{QuoteColumn(c)} = {ValueParameter(i)}"));
        return $"UPDATE {QuoteTable(table)} SET {set} WHERE {QuoteColumn(key)} = {KeyParameter}";
    }

    /// <summary>An insert or update run once per record (<see cref="Insert"/>, <see cref="Update"/>), its parameters
    /// declared in this order.</summary>
    internal virtual PreparedWrite PrepareWrite(DbConnection connection, DbTransaction transaction, string sql,
        IReadOnlyList<(string Name, ColumnStorage Storage)> parameters)
    {
        var write = new CommandWrite(connection, sql, parameters.Select(p => p.Name).ToList(), parameters.Select(p => p.Storage).ToList());
        write.Prepare(transaction); // SQL Server prepares only inside the connection's pending transaction
        return write;
    }

    public string Delete(string table, string key) =>
        $"DELETE FROM {QuoteTable(table)} WHERE {QuoteColumn(key)} = {KeyParameter}";

    /// <summary>A SELECT of at most <paramref name="limit"/> rows (a parameter name or a constant).</summary>
    protected abstract string SelectLimited(string columns, string table, IReadOnlyList<string> where, string? orderBy, string limit);

    protected static string Where(IReadOnlyList<string> conditions) =>
        conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);

    private string SelectList(TableQuery query)
    {
        var names = new List<string> { query.Key };
        if (query.ModifiedOn is not null) names.Add(query.ModifiedOn);
        names.AddRange(query.Columns);
        return string.Join(", ", names.Distinct(StringComparer.OrdinalIgnoreCase).Select(QuoteColumn));
    }

    private List<string> FilterConditions(IReadOnlyList<ColumnCondition> conditions, Func<int, string> parameter) =>
        conditions.Select((c, i) => c.IsNull ? $"{QuoteColumn(c.Column)} IS NULL" : $"{QuoteColumn(c.Column)} = {parameter(i)}").ToList();

    // ---- schema, storage, errors ------------------------------------------------------------------------------

    /// <summary>The table's columns, or a <see cref="ConfigurationException"/> naming table and connection when it does not exist.</summary>
    public abstract TableSchema ReadSchema(DbConnection connection, string table, string connectionName);

    /// <summary>How <paramref name="column"/> keeps its values. <paramref name="sample"/>, when given, reads one stored value
    /// (used where the stored form matters for comparisons: the key and modified-on columns).</summary>
    public abstract ColumnStorage StorageFor(ColumnSchema column, Func<object?>? sample = null);

    /// <summary>True when the statement failed because of the record's data (a constraint, a value that does not fit).</summary>
    public abstract bool IsRecordError(DbException error);

    /// <summary>Marks the point a failed statement is undone to (SQL Server: a savepoint; SQLite undoes the statement itself).</summary>
    public virtual void BeginStatement(DbTransaction transaction) { }

    /// <summary>Undoes a statement that failed with a record error; false when the transaction itself is lost.</summary>
    public abstract bool UndoStatement(DbTransaction transaction);
}
