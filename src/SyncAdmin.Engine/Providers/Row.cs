namespace SyncAdmin.Engine.Providers;

/// <summary>One record read from a table: its key, its modified-on instant (UTC) and the values of the columns asked for,
/// each normalised to the CLR type of its <see cref="ColumnType"/>.</summary>
public sealed class Row
{
    public Row(object key, DateTime? modifiedOn, IReadOnlyDictionary<string, object?> values, string? problem = null)
    {
        Key = key;
        ModifiedOn = modifiedOn;
        Values = values;
        Problem = problem;
    }

    /// <summary>Why this row cannot be synchronized at all (its key or modified-on does not read as its column's type);
    /// then <see cref="Key"/> is the key as stored and the row fails alone, logged with its table and key.</summary>
    public string? Problem { get; }

    public object Key { get; }
    public DateTime? ModifiedOn { get; }
    public IReadOnlyDictionary<string, object?> Values { get; }

    public object? this[string column] => Values.TryGetValue(column, out var v) ? v : null;

    /// <summary>The row's mapped values in canonical text, once computed (<see cref="Sync.MappingContext.SideValues"/>).</summary>
    internal State.FieldValues? SideValues { get; set; }
}

/// <summary>Where a page read stopped: the next page starts strictly after this (modified-on, key) position.</summary>
public sealed record PagePosition(DateTime? ModifiedOn, object Key);
