using System.Globalization;

namespace SyncAdmin.Engine.Providers;

/// <summary>A stored value its column's type cannot hold. It compares by its text and fails any conversion, so only the
/// record that carries it fails.</summary>
public sealed class UnconvertibleValue
{
    public UnconvertibleValue(object stored, ColumnType declared, string? reason = null)
    {
        Stored = stored;
        Declared = declared;
        Reason = reason;
    }

    public object Stored { get; }
    public ColumnType Declared { get; }

    /// <summary>Why the value cannot be carried as it is (binary data in a text column, text that is not valid UTF-8);
    /// null when it simply does not parse as the column's type.</summary>
    public string? Reason { get; }

    public override string ToString() => Convert.ToString(Stored, CultureInfo.InvariantCulture) ?? "";
}
