namespace SyncAdmin.Engine.Providers;

/// <summary>The shape of the SELECTs sent for one table: which columns come back, what the key and modified-on columns
/// are, and the table filter. It holds names only; the filter's values travel as parameters <c>@f0</c>, <c>@f1</c>, …</summary>
public sealed record TableQuery(
    string Table,
    string Key,
    string? ModifiedOn,
    IReadOnlyList<string> Columns,
    IReadOnlyList<ColumnCondition> Filter);

/// <summary>"column = parameter", or "column IS NULL" when <see cref="IsNull"/> (SQL's = never matches a null).</summary>
public sealed record ColumnCondition(string Column, bool IsNull);

/// <summary>How a page read orders and positions its rows.</summary>
public enum PageOrder
{
    /// <summary>Every row matching the filter, by key.</summary>
    ByKey,

    /// <summary>Rows modified at or after <c>@since</c>, by (modified-on, key): a keyset that survives ties on modified-on.</summary>
    ByModifiedOn,
}
