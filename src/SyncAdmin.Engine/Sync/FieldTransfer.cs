using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;

namespace SyncAdmin.Engine.Sync;

/// <summary>Computes the values a pass writes to the destination: source values converted to the destination column
/// types, constants, and lookups translated through another mapping's couplings.</summary>
internal static class FieldTransfer
{
    /// <summary>Destination column → value, for the fields that flow in <paramref name="pass"/> and pass <paramref name="include"/>.</summary>
    public static Dictionary<string, object?> DestinationValues(
        MappingContext context, SyncDirection pass, Row source, Func<FieldPlan, bool>? include = null)
    {
        var sourceSide = pass.SourceSide();
        var destinationSide = sourceSide.Other();
        // Sized for every field, the key and modified-on the writer may add: no growth per record.
        var values = new Dictionary<string, object?>(context.Fields.Count + 2, StringComparer.OrdinalIgnoreCase);
        foreach (var field in context.Fields)
        {
            if (!field.Flows(pass) || field.Column(destinationSide) is not { } target) continue;
            if (include is not null && !include(field)) continue;
            values[target.Name] = field.IsConstant ? field.Constant : Convert(context, field, sourceSide, target, source);
        }
        return values;
    }

    private static object? Convert(MappingContext context, FieldPlan field, Side sourceSide, ColumnSchema target, Row source)
    {
        var column = field.Column(sourceSide)!;
        var value = source[column.Name];
        if (field.Lookup is { } lookup && value is not null)
        {
            var key = CanonicalValue.Of(value)!;
            var translated = context.Lookups.Translate(lookup, sourceSide, key);
            if (translated is null)
            {
                if (field.Field.ClearValueOnFailedSync) return null;
                throw new RecordSyncException(
                    $"{column.Name} '{key}' must be coupled to a record in mapping {lookup} before {context.TableName(sourceSide)} {MappingContext.KeyText(source.Key)} can be synchronized.");
            }
            value = translated;
        }
        try
        {
            return ValueConversion.To(target.Type, value);
        }
        catch (ValueConversionException e)
        {
            throw new RecordSyncException($"{column.Name} → {target.Name}: {e.Message}");
        }
    }

    /// <summary>The lookup keys a page will need, so they are fetched in one query per mapping.</summary>
    public static void PrefetchLookups(MappingContext context, SyncDirection pass, IEnumerable<Row> sources)
    {
        var sourceSide = pass.SourceSide();
        foreach (var field in context.Fields)
        {
            if (field.Lookup is null || !field.Flows(pass) || field.Column(sourceSide) is not { } column) continue;
            var keys = sources.Select(r => CanonicalValue.Of(r[column.Name])).OfType<string>();
            context.Lookups.Prefetch(field.Lookup, sourceSide, keys);
        }
    }
}
