using System.Text.Json;
using System.Text.Json.Serialization;

namespace SyncAdmin.Engine.State;

/// <summary>The JSON form in which the store keeps definitions and field values.</summary>
internal static class DefinitionJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException("The store holds an empty definition.");
}
