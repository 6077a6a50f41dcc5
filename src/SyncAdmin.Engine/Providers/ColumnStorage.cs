using System.Data.Common;

namespace SyncAdmin.Engine.Providers;

/// <summary>How one column keeps its values in its database: turns an engine value into the parameter value that the
/// column stores and compares like (ISO text or epoch milliseconds, 0/1, a GUID's text), and types the parameter.</summary>
public abstract class ColumnStorage
{
    protected ColumnStorage(ColumnSchema column) => Column = column;

    public ColumnSchema Column { get; }

    /// <summary>The parameter value for <paramref name="value"/> (any engine value; null gives DBNull).
    /// Throws <see cref="ValueConversionException"/> when the value does not fit the column.</summary>
    public object ToParameterValue(object? value)
    {
        if (value is null || value is DBNull) return DBNull.Value;
        try
        {
            return Store(value);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException or ArgumentException)
        {
            throw new ValueConversionException($"The value '{value}' does not fit column '{Column.Name}' ({Column.DeclaredType}).", e);
        }
    }

    /// <summary>The stored form of a non-null value.</summary>
    protected abstract object Store(object value);

    /// <summary>Sets the parameter's database type where the provider needs it (SQL Server: index seeks, Prepare).</summary>
    public virtual void Configure(DbParameter parameter) { }
}
