using System.Data.Common;

namespace SyncAdmin.Engine.State;

/// <summary>The filters the job and error logs share: mapping names, one id column, a time range; newest first.</summary>
internal static class QueryFilters
{
    public static string WhereNewestFirst(DbCommand command, StoreDialect dialect, IReadOnlyList<string>? mappings, (string Column, long? Value) id,
        string timeColumn, DateTime? after, DateTime? before, int? newest, long? belowId = null, IReadOnlyCollection<long>? ids = null,
        Action<List<string>>? more = null)
    {
        var where = new List<string>();
        Names(where, command, "mapping", mappings);
        // Ids are numbers, never text from a user: they are written into the statement (an IN list of any length).
        if (ids is not null) where.Add(ids.Count == 0 ? "1 = 0" : $"id IN ({string.Join(",", ids)})");
        more?.Invoke(where);
        if (belowId is not null) { where.Add("id < @below"); command.With("@below", belowId); }
        if (id.Value is not null) { where.Add($"{id.Column} = @id"); command.With("@id", id.Value); }
        if (after is not null) { where.Add($"{timeColumn} >= @after"); command.With("@after", StoreValues.Time(after.Value)); }
        if (before is not null) { where.Add($"{timeColumn} < @before"); command.With("@before", StoreValues.Time(before.Value)); }
        return (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") +
               " ORDER BY id DESC" + (newest is > 0 ? dialect.Limit(newest.Value) : "");
    }

    public static void Names(List<string> where, DbCommand command, string column, IReadOnlyList<string>? names)
    {
        if (names is null || names.Count == 0) return;
        var parameters = names.Select((n, i) => { command.With($"@{column}{i}", n); return $"@{column}{i}"; });
        where.Add($"{column} IN ({string.Join(",", parameters)})");
    }
}
