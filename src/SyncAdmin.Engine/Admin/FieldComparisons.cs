using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Sync;

namespace SyncAdmin.Engine.Admin;

/// <summary>Builds the field-by-field view of a record pair that Get-SkippedRecord, Get-SyncRecord and
/// Compare-SyncedRecord show: base, local and integration value per mapped field, lookups translated.</summary>
internal static class FieldComparisons
{
    public static IReadOnlyList<FieldComparison> Of(MappingDefinition mapping, Coupling? coupling, Row? local, Row? integration,
        LookupTranslator lookups) =>
        mapping.Fields.Where(f => !f.HasConstant).Select(f =>
        {
            var localValue = f.Field is null || local is null ? null : CanonicalValue.Of(local[f.Field]);
            var integrationValue = f.IntegrationField is null || integration is null ? null : CanonicalValue.Of(integration[f.IntegrationField]);
            return new FieldComparison(
                f.Field,
                f.IntegrationField,
                f.Field is null ? null : coupling?.LocalBase?.Value(f.Field),
                localValue,
                f.IntegrationField is null ? null : coupling?.IntegrationBase?.Value(f.IntegrationField),
                integrationValue)
            {
                LocalExists = local is not null,
                IntegrationExists = integration is not null,
                Lookup = f.Lookup,
                LocalAsIntegration = f.Lookup is null || localValue is null ? null : lookups.Translate(f.Lookup, Side.Local, localValue),
                IntegrationAsLocal = f.Lookup is null || integrationValue is null ? null : lookups.Translate(f.Lookup, Side.Integration, integrationValue),
            };
        }).ToList();
}
