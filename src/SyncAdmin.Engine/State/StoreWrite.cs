using System.Data.Common;
using SyncAdmin.Engine.Providers;

namespace SyncAdmin.Engine.State;

/// <summary>A write statement of the store that runs once per record (a coupling's insert, a page's result updates):
/// prepared once, its values taken by position from the coupling's column array. Each database runs it the cheapest
/// way it has (<see cref="StoreDialect.PrepareWrite"/>), as table writes do (<see cref="PreparedWrite"/>).</summary>
internal sealed class StoreWrite : IDisposable
{
    private readonly PreparedWrite _write;
    private readonly int[] _columns;
    private readonly bool _returnsId;

    /// <param name="columns">For each parameter of <paramref name="write"/>, in order, the index of its value in the
    /// array given to <see cref="Execute"/>.</param>
    public StoreWrite(PreparedWrite write, int[] columns, bool returnsId)
    {
        _write = write;
        _columns = columns;
        _returnsId = returnsId;
    }

    /// <summary>Runs the statement with values that are text, 64-bit integers or null. Returns the id the statement
    /// returns (an INSERT … RETURNING / OUTPUT), or else the number of rows changed.</summary>
    public long Execute(object?[] values, DbTransaction? transaction)
    {
        for (var i = 0; i < _columns.Length; i++) _write.Set(i, values[_columns[i]]);
        return _returnsId ? Convert.ToInt64(_write.RunForValue(transaction)) : _write.Run(transaction);
    }

    public void Dispose() => _write.Dispose();
}
