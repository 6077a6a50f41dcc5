using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;

namespace SyncAdmin.Engine.Sync;

/// <summary>A field mapping resolved against both tables' schemas: column types known, constant converted once.</summary>
internal sealed class FieldPlan
{
    public FieldPlan(FieldMapping field, SyncDirection mappingDirection, TableSchema local, TableSchema integration)
    {
        Field = field;
        Direction = field.HasConstant
            ? field.Field is null ? SyncDirection.ToIntegrationTable : SyncDirection.FromIntegrationTable
            : field.EffectiveDirection(mappingDirection);
        LocalColumn = field.Field is null ? null : local.Get(field.Field);
        IntegrationColumn = field.IntegrationField is null ? null : integration.Get(field.IntegrationField);
        if (field.HasConstant)
        {
            var target = LocalColumn ?? IntegrationColumn!;
            Constant = ValueConversion.To(target.Type, field.Constant);
        }
    }

    public FieldMapping Field { get; }
    public SyncDirection Direction { get; }
    public ColumnSchema? LocalColumn { get; }
    public ColumnSchema? IntegrationColumn { get; }
    public object? Constant { get; }
    public bool IsConstant => Field.HasConstant;
    public string? Lookup => Field.Lookup;
    public bool IsBidirectional => Direction == SyncDirection.Bidirectional && !IsConstant;

    public ColumnSchema? Column(Side side) => side == Side.Local ? LocalColumn : IntegrationColumn;

    public bool Flows(SyncDirection pass) => Direction.Permits(pass);

    public string Name => Field.Field ?? Field.IntegrationField!;
}
