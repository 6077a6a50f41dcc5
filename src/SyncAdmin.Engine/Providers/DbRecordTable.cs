using System.Data;
using System.Data.Common;
using SyncAdmin.Engine.Configuration;

namespace SyncAdmin.Engine.Providers;

internal enum StatementKind
{
    Insert,
    Update,
}

/// <summary>One table of one side, read and written through ADO.NET. The same code serves every database; what differs
/// (SQL text, quoting, storage of values, error codes) comes from the <see cref="SqlDialect"/>.
/// Commands are created and prepared once per statement shape and reused with new parameter values, page after page.
/// Not thread-safe. The connection belongs to the caller: give each table its own connection, because one connection
/// carries one transaction at a time.</summary>
public sealed partial class DbRecordTable : IRecordTable
{
    /// <summary>IN lists are padded up to one of these sizes (repeating the last key) so a handful of prepared
    /// statements serve every batch.</summary>
    private static readonly int[] KeyBatchSizes = { 1, 10, 100, SqlDialect.MaxKeysPerStatement };

    private readonly DbConnection _connection;
    private readonly TableQuery _query;
    /// <summary>The key and modified-on columns only (the first of <see cref="_selected"/>).</summary>
    private readonly TableQuery _stampQuery;
    private readonly TableQuery _keyQuery;
    private readonly List<ColumnSchema> _selected;
    private readonly int _modifiedOnOrdinal;
    private readonly Dictionary<string, ColumnStorage> _storage = new(StringComparer.OrdinalIgnoreCase);
    private readonly object?[] _filterValues;
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PreparedWrite> _writes = new(StringComparer.Ordinal);
    private readonly LastStatement?[] _lastStatements = new LastStatement?[2];
    private DbTableWriter? _writer;
    private PageEnd? _lastPageEnd;
    private bool _disposed;

    /// <param name="columns">The columns the caller reads; the key and modified-on columns are always read too.</param>
    /// <param name="clock">The time used to stamp modified-on on writes (tests pass a fixed one).</param>
    /// <exception cref="ConfigurationException">A column is missing, a name is not a valid identifier, the key is not
    /// text, integer or GUID, or a filter value does not fit its column.</exception>
    public DbRecordTable(DbConnection connection, SqlDialect dialect, TableDefinition definition, TableSchema schema,
        IEnumerable<string> columns, TimeProvider? clock = null)
    {
        _connection = connection;
        Dialect = dialect;
        Definition = definition;
        Schema = schema;
        Clock = clock ?? TimeProvider.System;

        dialect.ValidateTableName(definition.Name);
        KeyColumn = RequireColumn(definition.Key);
        if (KeyColumn.Type is not (ColumnType.Text or ColumnType.Integer or ColumnType.Guid))
            throw new ConfigurationException(
                $"The key column '{KeyColumn.Name}' of {Describe()} is {KeyColumn.DeclaredType}; a key must be text, integer or GUID.");
        ModifiedOnColumn = definition.ModifiedOn is null ? null : RequireColumn(definition.ModifiedOn);

        var selected = new List<ColumnSchema> { KeyColumn };
        if (ModifiedOnColumn is not null) selected.Add(ModifiedOnColumn);
        selected.AddRange(columns.Select(RequireColumn));
        _selected = selected.DistinctBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();
        _modifiedOnOrdinal = ModifiedOnColumn is null ? -1 : _selected.IndexOf(ModifiedOnColumn);
        foreach (var column in _selected) dialect.ValidateColumnName(column.Name);

        // The key and modified-on columns are compared with parameters, so their stored form is sampled.
        _storage[KeyColumn.Name] = dialect.StorageFor(KeyColumn, () => Sample(KeyColumn));
        if (ModifiedOnColumn is not null)
            _storage[ModifiedOnColumn.Name] = dialect.StorageFor(ModifiedOnColumn, () => Sample(ModifiedOnColumn));

        var filter = new List<ColumnCondition>();
        _filterValues = new object?[definition.Filter.Count];
        foreach (var (name, text) in definition.Filter)
        {
            var column = RequireColumn(name);
            dialect.ValidateColumnName(column.Name);
            filter.Add(new ColumnCondition(column.Name, text is null));
            try
            {
                _filterValues[filter.Count - 1] = text is null ? null : StorageOf(column).ToParameterValue(text);
            }
            catch (ValueConversionException e)
            {
                throw new ConfigurationException(
                    $"The filter value '{text}' for column '{column.Name}' of {Describe()} is not a {column.Type} value.", inner: e);
            }
        }
        _query = new TableQuery(definition.Name, KeyColumn.Name, ModifiedOnColumn?.Name, _selected.Select(c => c.Name).ToList(), filter);
        _stampQuery = _query with { Columns = _query.Columns.Take(ModifiedOnColumn is null ? 1 : 2).ToList() };
        _keyQuery = _query with { Columns = _query.Columns.Take(1).ToList() };
    }

    public TableSchema Schema { get; }
    public TableDefinition Definition { get; }
    public ColumnSchema KeyColumn { get; }
    public ColumnSchema? ModifiedOnColumn { get; }
    internal SqlDialect Dialect { get; }
    internal TimeProvider Clock { get; }
    internal string Name => Definition.Name;

    /// <remarks>Without a modified-on column <paramref name="since"/> is ignored: every row, by key.
    /// Rows whose modified-on is null are read only when <paramref name="since"/> is null.</remarks>
    public IReadOnlyList<Row> ReadPage(DateTime? since, PagePosition? after, int limit) => ReadPage(_query, since, after, limit);

    public IReadOnlyList<Row> ReadStamps(DateTime? since, PagePosition? after, int limit) => ReadPage(_stampQuery, since, after, limit);

    private IReadOnlyList<Row> ReadPage(TableQuery query, DateTime? since, PagePosition? after, int limit)
    {
        ThrowIfDisposed();
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var modifiedOn = since is null ? null : ModifiedOnColumn;
        // The end of the last page continues from its stored values, even a row whose modified-on did not read.
        var end = after is not null && _lastPageEnd is { } last && last.Continues(after) ? last : null;
        if (modifiedOn is not null && after is { ModifiedOn: null } && end is null)
            throw new ArgumentException("A page read by modified-on continues after a row that has a modified-on value.", nameof(after));

        var keyStorage = StorageOf(KeyColumn);
        var sql = Dialect.SelectPage(query, modifiedOn is null ? PageOrder.ByKey : PageOrder.ByModifiedOn, after is not null);
        var command = Command(sql, c =>
        {
            AddFilterParameters(c);
            if (modifiedOn is not null) AddParameter(c, SqlDialect.SinceParameter, StorageOf(modifiedOn));
            if (after is not null && modifiedOn is not null) AddParameter(c, SqlDialect.AfterModifiedOnParameter, StorageOf(modifiedOn));
            if (after is not null) AddParameter(c, SqlDialect.AfterKeyParameter, keyStorage);
            AddParameter(c, SqlDialect.LimitParameter, null);
        });

        if (modifiedOn is not null) Set(command, SqlDialect.SinceParameter, StorageOf(modifiedOn).ToParameterValue(since));
        if (after is not null)
        {
            // Continue from the values exactly as stored when the position is the end of the last page: re-formatting a
            // time could differ from a stored text in some detail and repeat or skip rows.
            if (modifiedOn is not null)
                Set(command, SqlDialect.AfterModifiedOnParameter, end?.StoredModifiedOn ?? StorageOf(modifiedOn).ToParameterValue(after.ModifiedOn));
            Set(command, SqlDialect.AfterKeyParameter, end?.StoredKey ?? keyStorage.ToParameterValue(after.Key));
        }
        Set(command, SqlDialect.LimitParameter, limit);

        var rows = Read(command, out var lastStored, query.Columns.Count);
        _lastPageEnd = rows.Count == 0 ? null : new PageEnd(rows[^1].Key, rows[^1].ModifiedOn, lastStored.Key, lastStored.ModifiedOn);
        return rows;
    }

    public IReadOnlyList<Row> ReadByKeys(IReadOnlyCollection<object> keys) => ReadWhereIn(KeyColumn, keys);

    public IReadOnlySet<string> ExistingKeys(IReadOnlyCollection<object> keys)
    {
        ThrowIfDisposed();
        var storage = StorageOf(KeyColumn);
        var existing = new HashSet<string>(keys.Count, StringComparer.Ordinal);
        var parameters = new List<object>(keys.Count);
        foreach (var key in keys)
        {
            try { parameters.Add(storage.ToParameterValue(key)); }
            catch (ValueConversionException) { } // a key this column cannot hold names no row
        }
        foreach (var batch in parameters.Chunk(SqlDialect.MaxKeysPerStatement))
        {
            using var reader = InCommand(_keyQuery, KeyColumn, storage, batch, filtered: false).ExecuteReader();
            while (reader.Read())
                if (!reader.IsDBNull(0) && Normalise(KeyColumn, reader.GetValue(0), reader, 0) is { } key and not UnconvertibleValue)
                    existing.Add(CanonicalValue.Of(key)!);
        }
        return existing;
    }

    public IReadOnlyList<Row> ReadWhereIn(string column, IReadOnlyCollection<object> values, bool filtered = false) =>
        ReadWhereIn(RequireColumn(column), values, filtered);

    /// <summary>Rows whose <paramref name="column"/> holds one of <paramref name="values"/>, in statements of a few fixed
    /// sizes (padded with a repeated value) so each size is prepared once and reused.</summary>
    private IReadOnlyList<Row> ReadWhereIn(ColumnSchema column, IReadOnlyCollection<object> values, bool filtered = false)
    {
        var query = _query;
        ThrowIfDisposed();
        var storage = StorageOf(column);
        var stored = new List<object>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            object parameter;
            try
            {
                parameter = storage.ToParameterValue(value);
            }
            catch (ValueConversionException)
            {
                continue; // a value this column cannot hold names no row
            }
            if (parameter is not DBNull && seen.Add(CanonicalValue.Of(parameter)!)) stored.Add(parameter);
        }

        var rows = new List<Row>();
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var batch in stored.Chunk(SqlDialect.MaxKeysPerStatement))
        {
            var command = InCommand(query, column, storage, batch, filtered);
            // A case-insensitive collation can match one row through two spellings of its value.
            rows.AddRange(Read(command, out _, query.Columns.Count).Where(r => found.Add(CanonicalValue.Of(r.Key)!)));
        }
        return rows;
    }

    /// <summary>The prepared statement selecting the rows whose <paramref name="column"/> holds one of the stored values
    /// of <paramref name="batch"/>, bound: one JSON array where the database takes key lists and the values are text or
    /// integers, else an IN list padded up to one of a few sizes (repeating the last value).</summary>
    private DbCommand InCommand(TableQuery query, ColumnSchema column, ColumnStorage storage, object[] batch, bool filtered)
    {
        if (Dialect.TakesKeyLists && KeyList.Json(batch) is { } json)
        {
            var list = Command(Dialect.SelectInList(query, column.Name, filtered), c =>
            {
                var keys = c.CreateParameter();
                keys.ParameterName = KeyList.Parameter;
                keys.DbType = DbType.String;
                c.Parameters.Add(keys);
                if (filtered) AddFilterParameters(c);
            });
            list.Parameters[KeyList.Parameter].Value = json;
            return list;
        }
        var size = KeyBatchSizes.First(s => s >= batch.Length);
        var command = Command(Dialect.SelectIn(query, column.Name, size, filtered), c =>
        {
            for (var i = 0; i < size; i++) AddParameter(c, SqlDialect.KeysParameter(i), storage);
            if (filtered) AddFilterParameters(c);
        });
        for (var i = 0; i < size; i++) command.Parameters[i].Value = batch[Math.Min(i, batch.Length - 1)];
        return command;
    }

    /// <remarks>The table filter does not apply: a match outside it still is the counterpart, and coupling it
    /// is better than inserting a duplicate.</remarks>
    public IReadOnlyList<Row> ReadMatches(IReadOnlyList<KeyValuePair<string, object?>> equals, int limit)
    {
        ThrowIfDisposed();
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var columns = new List<ColumnSchema>();
        var values = new List<object>();
        foreach (var (name, value) in equals)
        {
            var column = RequireColumn(name);
            try
            {
                values.Add(StorageOf(column).ToParameterValue(value));
            }
            catch (ValueConversionException)
            {
                return Array.Empty<Row>(); // a value the column cannot hold matches no row
            }
            columns.Add(column);
        }
        var conditions = columns.Select((c, i) => new ColumnCondition(c.Name, values[i] is DBNull)).ToList();
        var command = Command(Dialect.SelectMatches(_query, conditions), c =>
        {
            for (var i = 0; i < conditions.Count; i++)
                if (!conditions[i].IsNull) AddParameter(c, SqlDialect.MatchParameter(i), StorageOf(columns[i]));
            AddParameter(c, SqlDialect.LimitParameter, null);
        });
        for (var i = 0; i < conditions.Count; i++)
            if (!conditions[i].IsNull) Set(command, SqlDialect.MatchParameter(i), values[i]);
        Set(command, SqlDialect.LimitParameter, limit);
        return Read(command, out _);
    }

    /// <exception cref="ArgumentException">The text is not a value of the key column's type.</exception>
    public object ParseKey(string key)
    {
        try
        {
            return ValueConversion.To(KeyColumn.Type, key) ?? throw new ValueConversionException("A key cannot be null.");
        }
        catch (ValueConversionException e)
        {
            throw new ArgumentException(
                $"'{key}' is not a key of {Describe()}: its key column '{KeyColumn.Name}' holds {KeyColumn.Type} values.", nameof(key), e);
        }
    }

    public ITableWriter BeginWrite()
    {
        ThrowIfDisposed();
        if (_writer is not null) throw new InvalidOperationException($"The {Describe()} already has an open writer.");
        _writer = new DbTableWriter(this, _connection.BeginTransaction());
        return _writer;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _writer?.Dispose();
        foreach (var command in _commands.Values) command.Dispose();
        _commands.Clear();
        foreach (var write in _writes.Values) write.Dispose();
        _writes.Clear();
        Array.Clear(_lastStatements);
        _disposed = true;
    }

    // ---- shared with the writer -------------------------------------------------------------------------------

    internal ColumnSchema RequireColumn(string name) =>
        Schema.Find(name) ?? throw new ConfigurationException($"The {Describe()} has no column '{name}'.");

    internal ColumnStorage StorageOf(ColumnSchema column)
    {
        if (!_storage.TryGetValue(column.Name, out var storage))
            _storage[column.Name] = storage = Dialect.StorageFor(column);
        return storage;
    }

    /// <summary>The prepared command for <paramref name="sql"/>, created on first use; it runs in the open writer's
    /// transaction when there is one (both providers refuse a command outside the connection's pending transaction).</summary>
    internal DbCommand Command(string sql, Action<DbCommand> addParameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            addParameters(command);
            command.Transaction = _writer?.Transaction;
            command.Prepare();
            _commands.Add(sql, command);
        }
        command.Transaction = _writer?.Transaction;
        return command;
    }

    /// <summary>The prepared insert or update for these columns. A page writes the same columns record after record, so the
    /// last statement of each kind is kept by its column list and its SQL text is not rebuilt for every record.</summary>
    internal PreparedWrite Statement(StatementKind kind, List<(ColumnSchema Column, object? Value)> columns, bool returnsKey,
        Func<string> sql, Func<List<(string Name, ColumnStorage Storage)>> parameters)
    {
        if (_lastStatements[(int)kind] is { } last && last.Matches(columns, returnsKey)) return last.Write;
        var text = sql();
        if (!_writes.TryGetValue(text, out var write))
        {
            var transaction = _writer?.Transaction ?? throw new InvalidOperationException("A write statement needs an open writer.");
            _writes.Add(text, write = Dialect.PrepareWrite(_connection, transaction, text, parameters()));
        }
        _lastStatements[(int)kind] = new LastStatement(columns.Select(c => c.Column).ToArray(), returnsKey, write);
        return write;
    }

    private sealed record LastStatement(ColumnSchema[] Columns, bool ReturnsKey, PreparedWrite Write)
    {
        public bool Matches(List<(ColumnSchema Column, object? Value)> columns, bool returnsKey)
        {
            if (returnsKey != ReturnsKey || columns.Count != Columns.Length) return false;
            for (var i = 0; i < Columns.Length; i++)
                if (!ReferenceEquals(columns[i].Column, Columns[i])) return false;
            return true;
        }
    }

    /// <summary>Adds a parameter typed like <paramref name="storage"/>'s column, or an integer (a row limit) without one.</summary>
    internal static void AddParameter(DbCommand command, string name, ColumnStorage? storage)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        if (storage is null) parameter.DbType = DbType.Int32;
        else storage.Configure(parameter);
        parameter.Value = DBNull.Value;
        command.Parameters.Add(parameter);
    }

    internal void WriterClosed(DbTableWriter writer)
    {
        if (ReferenceEquals(_writer, writer)) _writer = null;
    }

    /// <summary>The database behind the connection as written in the mapping file (file, or server and database).</summary>
    public string? Source { get; init; }

    internal string Describe() =>
        $"table '{Definition.Name}' in connection '{Definition.Connection}'{(Source is null ? "" : $" ({Source})")}";

    /// <summary>A failure of the database itself (full disk, read-only file, lost connection), with the table, connection
    /// and file it happened to, and the database's own reason.</summary>
    internal DatabaseOperationException Failure(string doing, DbException cause) =>
        new($"{doing} {Describe()} failed: {cause.Message}", cause);

    // ---- reading ----------------------------------------------------------------------------------------------

    private static void Set(DbCommand command, string name, object value) => command.Parameters[name].Value = value;

    private void AddFilterParameters(DbCommand command)
    {
        for (var i = 0; i < _query.Filter.Count; i++)
        {
            if (_query.Filter[i].IsNull) continue;
            AddParameter(command, SqlDialect.FilterParameter(i), StorageOf(RequireColumn(_query.Filter[i].Column)));
            command.Parameters[^1].Value = _filterValues[i];
        }
    }

    private object? Sample(ColumnSchema column)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = Dialect.SelectSample(Definition.Name, column.Name);
        command.Transaction = _writer?.Transaction;
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    /// <param name="width">How many of <see cref="_selected"/> the statement returns (all, or the key and modified-on).</param>
    private List<Row> Read(DbCommand command, out (object? Key, object? ModifiedOn) lastStored, int width = -1)
    {
        if (width < 0) width = _selected.Count;
        var rows = new List<Row>();
        lastStored = default;
        DbDataReader reader;
        try
        {
            reader = command.ExecuteReader();
        }
        catch (DbException e)
        {
            throw Failure("Reading", e);
        }
        using var _ = reader;
        // Each column is fetched once (a null comes back as DBNull): every reader call is a native call.
        var stored = new object?[width];
        while (reader.Read())
        {
            for (var i = 0; i < stored.Length; i++)
            {
                var value = reader.GetValue(i);
                stored[i] = value is DBNull ? null : value;
            }
            var storedKey = stored[0]; // the key is selected first
            var storedModifiedOn = _modifiedOnOrdinal < 0 || _modifiedOnOrdinal >= width ? null : stored[_modifiedOnOrdinal];
            lastStored = (storedKey, storedModifiedOn);
            var values = new Dictionary<string, object?>(width, StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < width; i++)
                values[_selected[i].Name] = Normalise(_selected[i], stored[i], reader, i);
            rows.Add(ToRow(values, storedKey, storedModifiedOn));
        }
        return rows;
    }

    /// <summary>A row whose key or modified-on does not read as its column's type becomes a row with a
    /// <see cref="Row.Problem"/>: it fails alone, and the rest of the page goes on.</summary>
    private Row ToRow(Dictionary<string, object?> values, object? storedKey, object? storedModifiedOn)
    {
        if (storedKey is null) return new Row("(null)", null, values, $"The {Describe()} has a row without a key.");
        if (values[KeyColumn.Name] is UnconvertibleValue badKey)
            return new Row(storedKey, null, values,
                $"The {Describe()} has a row whose key '{Shown(storedKey)}' is not a {KeyColumn.Type} value (column '{KeyColumn.Name}' is " +
                $"{KeyColumn.DeclaredType}); the row cannot be synchronized until its key is corrected.");
        var key = values[KeyColumn.Name]!;
        if (storedModifiedOn is null) return new Row(key, null, values);
        if (values[ModifiedOnColumn!.Name] is DateTime parsed) return new Row(key, parsed, values); // a DATETIME column, parsed above
        try
        {
            return new Row(key, UtcTime.From(storedModifiedOn), values);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or ArgumentException or OverflowException)
        {
            return new Row(key, null, values,
                $"The {Describe()}, key '{MappingKeyText(key)}': the modified-on value '{Shown(storedModifiedOn)}' in column " +
                $"'{ModifiedOnColumn.Name}' is neither an ISO-8601 time nor epoch milliseconds.");
        }
    }

    private static string MappingKeyText(object key) => CanonicalValue.Of(key) ?? "";

    private static string Shown(object value)
    {
        var text = value is byte[] b ? $"<{b.Length} bytes>" : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
        return text.Length > 60 ? text[..60] + "…" : text;
    }

    /// <summary>A stored value that does not convert to its column's type (SQLite stores 'lots' in a REAL column), or that
    /// cannot be carried unchanged (binary data in a text column, text that is not valid UTF-8), is passed on as an
    /// <see cref="UnconvertibleValue"/>: the record that carries it fails alone when it is transferred, with the reason,
    /// instead of one bad row stopping the whole page or a value arriving changed.</summary>
    private static object? Normalise(ColumnSchema column, object? stored, DbDataReader reader, int ordinal)
    {
        if (column.Type == ColumnType.Text)
        {
            if (stored is byte[] bytes)
                return new UnconvertibleValue(stored, column.Type, $"in column '{column.Name}' is binary data ({bytes.Length} bytes), not text");
            if (stored is string text && text.Contains('\uFFFD') && TextIntegrity.InvalidUtf8(reader, ordinal) is { } offset)
                return new UnconvertibleValue(stored, column.Type, $"in column '{column.Name}' is not valid UTF-8 (at byte {offset})");
        }
        try
        {
            return ValueConversion.To(column.Type, stored);
        }
        catch (ValueConversionException)
        {
            return new UnconvertibleValue(stored!, column.Type);
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>The last row of the last page, as normalised and as stored.</summary>
    private sealed record PageEnd(object Key, DateTime? ModifiedOn, object? StoredKey, object? StoredModifiedOn)
    {
        public bool Continues(PagePosition position) => Equals(position.Key, Key) && position.ModifiedOn == ModifiedOn;
    }
}
