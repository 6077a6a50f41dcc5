using System.Text;
using System.Text.Json;

namespace SyncAdmin.Engine.Providers;

/// <summary>A batch of keys passed to SQLite as one JSON array parameter (<c>column IN (SELECT value FROM
/// json_each(@keys))</c>) instead of one parameter per key. Microsoft.Data.Sqlite finds each parameter by name on every
/// execution, so a 500-key IN list cost more in binding than in the lookups themselves. Text and integers only: other
/// values (a GUID kept as a blob) go in a parameter list as before.</summary>
internal static class KeyList
{
    public const string Parameter = "@keys";

    /// <summary>The condition, for SQLite.</summary>
    public static string Condition(string quotedColumn) => $"{quotedColumn} IN (SELECT value FROM json_each({Parameter}))";

    /// <summary>The JSON array of <paramref name="values"/>, or null when one of them is neither text nor an integer.</summary>
    public static string? Json(IEnumerable<object> values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                switch (value)
                {
                    case string text: writer.WriteStringValue(text); break;
                    case long number: writer.WriteNumberValue(number); break;
                    case int number: writer.WriteNumberValue(number); break;
                    default: return null;
                }
            }
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
