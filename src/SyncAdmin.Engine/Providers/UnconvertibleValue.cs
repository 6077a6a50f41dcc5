using System.Globalization;

namespace SyncAdmin.Engine.Providers;

/// <summary>A stored value its column's type cannot hold. It compares by its text and fails any conversion, so only the
/// record that carries it fails.</summary>
public sealed class UnconvertibleValue
{
    public UnconvertibleValue(object stored, ColumnType declared)
    {
        Stored = stored;
        Declared = declared;
    }

    public object Stored { get; }
    public ColumnType Declared { get; }

    public override string ToString() => Convert.ToString(Stored, CultureInfo.InvariantCulture) ?? "";
}
