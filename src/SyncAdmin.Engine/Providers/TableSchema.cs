namespace SyncAdmin.Engine.Providers;

/// <summary>The engine's own view of a column type; each provider maps its declared types onto it.</summary>
public enum ColumnType
{
    Text,
    Integer,
    Real,
    Decimal,
    Boolean,
    DateTime,
    Guid,
    Binary,
}

public sealed record ColumnSchema(string Name, ColumnType Type, string DeclaredType, bool IsNullable, bool IsPrimaryKey, bool IsGenerated);

/// <summary>The columns of one table as the database reports them (names compare case-insensitively, as both databases do).</summary>
public sealed class TableSchema
{
    private readonly Dictionary<string, ColumnSchema> _columns;

    public TableSchema(string name, IEnumerable<ColumnSchema> columns)
    {
        Name = name;
        Columns = columns.ToList();
        _columns = Columns.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
    }

    public string Name { get; }
    public IReadOnlyList<ColumnSchema> Columns { get; }

    public ColumnSchema? Find(string column) => _columns.GetValueOrDefault(column);

    public ColumnSchema Get(string column) =>
        Find(column) ?? throw new KeyNotFoundException($"Table '{Name}' has no column '{column}'.");
}
