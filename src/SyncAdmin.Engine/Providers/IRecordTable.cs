namespace SyncAdmin.Engine.Providers;

/// <summary>Access to one side's table for one mapping. Reads stream in bounded pages; writes go through a
/// <see cref="ITableWriter"/> that holds one transaction per page.</summary>
public interface IRecordTable : IDisposable
{
    TableSchema Schema { get; }

    /// <summary>Up to <paramref name="limit"/> rows matching the table filter. With <paramref name="since"/> null every row,
    /// ordered by key; otherwise rows whose modified-on is at or after it, ordered by (modified-on, key).
    /// <paramref name="after"/> is the last row of the previous page.</summary>
    IReadOnlyList<Row> ReadPage(DateTime? since, PagePosition? after, int limit);

    /// <summary>As <see cref="ReadPage"/>, but each row carries only its key and modified-on: what it takes to tell the
    /// engine's own writes (echoes) from changes before reading whole rows.</summary>
    IReadOnlyList<Row> ReadStamps(DateTime? since, PagePosition? after, int limit);

    /// <summary>Which of these keys a row has (as key text), reading the key column only.</summary>
    IReadOnlySet<string> ExistingKeys(IReadOnlyCollection<object> keys);

    /// <summary>The rows with these keys (missing keys are simply absent from the result). Ignores the table filter.</summary>
    IReadOnlyList<Row> ReadByKeys(IReadOnlyCollection<object> keys);

    /// <summary>Rows whose <paramref name="column"/> holds one of <paramref name="values"/> (a page's matchOn values at once).
    /// Ignores the table filter unless <paramref name="filtered"/>.</summary>
    IReadOnlyList<Row> ReadWhereIn(string column, IReadOnlyCollection<object> values, bool filtered = false);

    /// <summary>Rows whose columns equal the given values (matchOn), at most <paramref name="limit"/>.</summary>
    IReadOnlyList<Row> ReadMatches(IReadOnlyList<KeyValuePair<string, object?>> equals, int limit);

    /// <summary>Converts a key given as text (from the store or a cmdlet parameter) to the key column's type.</summary>
    object ParseKey(string key);

    ITableWriter BeginWrite();
}

/// <summary>One destination transaction. A write that fails because of the record (constraint, conversion) throws
/// <see cref="RecordWriteException"/> and leaves the transaction usable; anything else is fatal for the page.</summary>
public interface ITableWriter : IDisposable
{
    /// <summary>Inserts a row and returns its key (the one given in <paramref name="values"/>, or the one the database assigned).</summary>
    object Insert(IReadOnlyDictionary<string, object?> values);

    /// <summary>Updates the given columns; false when no row has that key.</summary>
    bool Update(object key, IReadOnlyDictionary<string, object?> values);

    /// <summary>Deletes a row; false when no row has that key.</summary>
    bool Delete(object key);

    void Commit();
}

/// <summary>A write failed because of this record's data; the page goes on.</summary>
public sealed class RecordWriteException : Exception
{
    public RecordWriteException(string message, Exception? inner = null) : base(message, inner) { }
}
