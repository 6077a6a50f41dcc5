using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using SyncAdmin.Engine.Configuration;

namespace SyncAdmin.Engine.State;

/// <summary>The JSON form in which the store keeps definitions, field values and write intents. Serialisation code is
/// generated at compile time: a run in a fresh process (every runbook's) neither reflects over these types nor emits
/// code for them, which cost more than the run's own work for a small incremental sync.</summary>
internal static class DefinitionJson
{
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, TypeInfo<T>.Value);

    public static T Read<T>(string json) =>
        JsonSerializer.Deserialize(json, TypeInfo<T>.Value) ?? throw new InvalidDataException("The store holds an empty definition.");

    /// <summary>Looked up once per type: the context's look-up checks and caches on every call, twice per coupling written.</summary>
    private static class TypeInfo<T>
    {
        public static readonly JsonTypeInfo<T> Value = StoreJsonContext.Default.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not one of the types the store keeps as JSON.");
    }
}

/// <summary>Every type the store keeps as JSON; the options are those the store has always written with (enums as
/// names, nulls left out), so stores written before read the same.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(MappingDefinition))]
[JsonSerializable(typeof(FieldValues))]
[JsonSerializable(typeof(PendingIntent))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
