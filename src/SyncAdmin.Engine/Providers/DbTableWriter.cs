using System.Data.Common;

namespace SyncAdmin.Engine.Providers;

/// <summary>One destination transaction on a <see cref="DbRecordTable"/>. A statement that fails because of the record
/// is undone alone (SQLite does that itself, SQL Server through a savepoint) and reported as
/// <see cref="RecordWriteException"/>; the rest of the transaction stays and can still commit.
/// Disposing without <see cref="Commit"/> rolls everything back.</summary>
internal sealed class DbTableWriter : ITableWriter
{
    private readonly DbRecordTable _table;
    private bool _closed;

    public DbTableWriter(DbRecordTable table, DbTransaction transaction)
    {
        _table = table;
        Transaction = transaction;
    }

    public DbTransaction Transaction { get; }

    public object Insert(IReadOnlyDictionary<string, object?> values)
    {
        ThrowIfClosed();
        var key = _table.KeyColumn;
        // A null key is left out, so the database assigns one (rowid, identity, default).
        var columns = Columns(values, leaveOutNullKey: true);
        object? givenKey = null;
        foreach (var (column, value) in columns)
            if (ReferenceEquals(column, key)) givenKey = value;
        var assigned = givenKey is null;

        var statement = _table.Statement(StatementKind.Insert, columns, assigned,
            () => _table.Dialect.Insert(_table.Name, columns.Select(c => c.Column.Name).ToList(), assigned ? key.Name : null),
            () => ValueParameters(columns));
        // Messages say "new record", not the planned key: a retried insert must fail with the same message to be skipped.
        Bind(statement, columns, null);
        if (!assigned)
        {
            Execute(() => statement.Run(Transaction), "insert", null);
            return ValueConversion.To(key.Type, givenKey)!;
        }

        var result = Execute(() => statement.RunForValue(Transaction), "insert", null);
        if (result is null)
            throw new InvalidOperationException(
                $"Inserting into {_table.Describe()} gave the new row no key: the key column '{key.Name}' needs a value or a database default.");
        return ValueConversion.To(key.Type, result)!;
    }

    public bool Update(object key, IReadOnlyDictionary<string, object?> values)
    {
        ThrowIfClosed();
        if (values.Count == 0) throw new ArgumentException("An update needs at least one column.", nameof(values));
        var columns = Columns(values, leaveOutNullKey: false);
        if (!TryStoreKey(key, out var storedKey)) return false;

        var statement = _table.Statement(StatementKind.Update, columns, false,
            () => _table.Dialect.Update(_table.Name, _table.KeyColumn.Name, columns.Select(c => c.Column.Name).ToList()),
            () => ValueParameters(columns).Append((SqlDialect.KeyParameter, _table.StorageOf(_table.KeyColumn))).ToList());
        Bind(statement, columns, key);
        statement.Set(columns.Count, storedKey);
        return Execute(() => statement.Run(Transaction), "update", key) > 0;
    }

    public bool Delete(object key)
    {
        ThrowIfClosed();
        if (!TryStoreKey(key, out var storedKey)) return false;
        var command = _table.Command(_table.Dialect.Delete(_table.Name, _table.KeyColumn.Name),
            c => DbRecordTable.AddParameter(c, SqlDialect.KeyParameter, _table.StorageOf(_table.KeyColumn)));
        command.Parameters[SqlDialect.KeyParameter].Value = storedKey;
        return Execute(() => command.ExecuteNonQuery(), "delete", key) > 0;
    }

    public void Commit()
    {
        ThrowIfClosed();
        try
        {
            Transaction.Commit();
        }
        catch (DbException e)
        {
            throw _table.Failure("Committing the writes to", e);
        }
        Close();
    }

    public void Dispose()
    {
        if (!_closed) Close(); // an uncommitted transaction rolls back when disposed
    }

    private void Close()
    {
        _closed = true;
        try
        {
            Transaction.Dispose();
        }
        catch (DbException)
        {
            // After a failed commit the database has already rolled back (SQLite on a full disk): "cannot rollback - no
            // transaction is active" would only hide the failure that matters, which is already on its way.
        }
        _table.WriterClosed(this);
    }

    private bool IsKey(string column) => string.Equals(column, _table.KeyColumn.Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>The columns to write; modified-on is stamped with the current time when the table maintains it
    /// through the engine (<c>setModifiedOn</c>) and the caller did not set it.</summary>
    private List<(ColumnSchema Column, object? Value)> Columns(IEnumerable<KeyValuePair<string, object?>> values, bool leaveOutNullKey)
    {
        var columns = new List<(ColumnSchema Column, object? Value)>();
        foreach (var (name, value) in values)
        {
            if (leaveOutNullKey && value is null && IsKey(name)) continue;
            var column = _table.RequireColumn(name);
            if (Contains(columns, column))
                throw new ArgumentException($"Column '{column.Name}' is given twice for {_table.Describe()}.", nameof(values));
            columns.Add((column, value));
        }
        var modifiedOn = _table.ModifiedOnColumn;
        if (_table.Definition.SetModifiedOn && modifiedOn is { IsGenerated: false } && !Contains(columns, modifiedOn))
            columns.Add((modifiedOn, UtcTime.TruncateToMilliseconds(_table.Clock.GetUtcNow().UtcDateTime)));
        return columns;
    }

    private static bool Contains(List<(ColumnSchema Column, object? Value)> columns, ColumnSchema column)
    {
        foreach (var (c, _) in columns)
            if (ReferenceEquals(c, column)) return true;
        return false;
    }

    private List<(string Name, ColumnStorage Storage)> ValueParameters(List<(ColumnSchema Column, object? Value)> columns) =>
        columns.Select((c, i) => (SqlDialect.ValueParameter(i), _table.StorageOf(c.Column))).ToList();

    private void Bind(PreparedWrite statement, List<(ColumnSchema Column, object? Value)> columns, object? key)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            try
            {
                statement.Set(i, _table.StorageOf(columns[i].Column).ToParameterValue(columns[i].Value));
            }
            catch (ValueConversionException e)
            {
                throw new RecordWriteException($"{Record(key)}: column '{columns[i].Column.Name}': {e.Message}", e);
            }
        }
    }

    private bool TryStoreKey(object key, out object stored)
    {
        try
        {
            stored = _table.StorageOf(_table.KeyColumn).ToParameterValue(key);
            return stored is not DBNull;
        }
        catch (ValueConversionException)
        {
            stored = DBNull.Value; // not a value of the key's type: no row has it
            return false;
        }
    }

    private T Execute<T>(Func<T> run, string action, object? key)
    {
        var dialect = _table.Dialect;
        dialect.BeginStatement(Transaction);
        try
        {
            return run();
        }
        catch (DbException e) when (dialect.IsRecordError(e))
        {
            if (!dialect.UndoStatement(Transaction)) throw _table.Failure("Writing to", e); // the transaction is lost: fatal for the page
            throw new RecordWriteException($"{Record(key)}: {action} failed: {e.Message}", e);
        }
        catch (DbException e)
        {
            throw _table.Failure("Writing to", e);
        }
    }

    private string Record(object? key) =>
        key is null ? $"Table '{_table.Name}', new record" : $"Table '{_table.Name}', key '{key}'";

    private void ThrowIfClosed()
    {
        if (_closed) throw new InvalidOperationException($"The writer for {_table.Describe()} is already committed or disposed.");
    }
}
