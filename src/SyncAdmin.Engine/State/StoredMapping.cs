using SyncAdmin.Engine.Configuration;

namespace SyncAdmin.Engine.State;

/// <summary>A mapping as the store holds it: the definition as imported and one watermark per side.</summary>
public sealed record StoredMapping(
    MappingDefinition Definition,
    string? SourceFile,
    DateTime ImportedAt,
    DateTime? LocalWatermark,
    DateTime? IntegrationWatermark)
{
    public string Name => Definition.Name;

    public DateTime? Watermark(Side side) => side == Side.Local ? LocalWatermark : IntegrationWatermark;
}
