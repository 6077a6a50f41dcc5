using SyncAdmin.Engine.Providers;

namespace SyncAdmin.Engine.Sync;

/// <summary>Reads rows by the key text the store keeps, answering by that same text.</summary>
internal static class KeyedReads
{
    public static Dictionary<string, Row> RowsByKeyText(this IRecordTable table, IEnumerable<string?> keys)
    {
        var parsed = keys.OfType<string>().Distinct().Select(table.ParseKey).ToList();
        return parsed.Count == 0
            ? new Dictionary<string, Row>()
            : table.ReadByKeys(parsed).ToDictionary(r => MappingContext.KeyText(r.Key));
    }
}
