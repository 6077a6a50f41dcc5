using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.State;

namespace SyncAdmin.Engine.Sync;

/// <summary>Everything one run of one mapping needs: its definition, both tables opened, the resolved field plans and the store.</summary>
internal sealed class MappingContext
{
    public MappingContext(StoredMapping stored, IRecordTable local, IRecordTable integration, StateStore store)
    {
        Stored = stored;
        Local = local;
        Integration = integration;
        Store = store;
        Fields = Definition.Fields.Select(f => new FieldPlan(f, Definition.Direction, local.Schema, integration.Schema)).ToList();
        Lookups = new LookupTranslator(store);
    }

    public StoredMapping Stored { get; }
    public MappingDefinition Definition => Stored.Definition;
    public string Name => Definition.Name;
    public IRecordTable Local { get; }
    public IRecordTable Integration { get; }
    public StateStore Store { get; }
    public IReadOnlyList<FieldPlan> Fields { get; }
    public LookupTranslator Lookups { get; }

    public IRecordTable Table(Side side) => side == Side.Local ? Local : Integration;

    public TableDefinition TableDefinition(Side side) => Definition.TableOf(side);

    public string TableName(Side side) => TableDefinition(side).Name;

    /// <summary>Columns every read of <paramref name="side"/> must return: the mapped ones and the matchOn ones.</summary>
    public static IReadOnlyCollection<string> ColumnsToRead(MappingDefinition mapping, Side side)
    {
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in mapping.Fields)
            if (field.Column(side) is { } column) columns.Add(column);
        foreach (var match in mapping.MatchOn)
            columns.Add(side == Side.Local ? match.Field : match.IntegrationField);
        return columns;
    }

    /// <summary>The canonical values of a side's mapped columns: what the coupling base holds and change detection compares.
    /// Computed once per row (a record's values are needed to decide, to announce and to record it); the result is shared,
    /// so a caller that changes it works on a copy.</summary>
    public FieldValues SideValues(Row row, Side side)
    {
        if (row.SideValues is { } known) return known;
        var values = new FieldValues(Fields.Count);
        foreach (var field in Fields)
            if (field.Column(side) is { } column)
                values[column.Name] = CanonicalValue.Of(row[column.Name]);
        return row.SideValues = values;
    }

    public static string KeyText(object key) => CanonicalValue.Of(key)!;
}
