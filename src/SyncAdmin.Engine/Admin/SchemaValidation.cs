using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.Sync;

namespace SyncAdmin.Engine.Admin;

/// <summary>Checks a mapping against the live schemas: every named column exists, mapped types can convert, constants
/// convert to their column, and inserts are crash-safe (a key we plan, or matchOn to find a row the server keyed).</summary>
public static class SchemaValidation
{
    public static IReadOnlyList<string> Check(MappingDefinition mapping, ITableOpener opener)
    {
        var problems = new List<string>();
        var schemas = new Dictionary<Side, TableSchema>();
        foreach (var side in new[] { Side.Local, Side.Integration })
        {
            var table = mapping.TableOf(side);
            try
            {
                using var opened = opener.Open(table, Array.Empty<string>());
                schemas[side] = opened.Schema;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                problems.Add($"Mapping '{mapping.Name}': {e.Message}");
            }
        }
        if (problems.Count > 0) return problems;

        void Require(Side side, string? column, string role)
        {
            if (column is not null && schemas[side].Find(column) is null)
                problems.Add($"Mapping '{mapping.Name}': {role} '{column}' is not a column of {mapping.TableOf(side).Name}.");
        }
        foreach (var side in new[] { Side.Local, Side.Integration })
        {
            var table = mapping.TableOf(side);
            Require(side, table.Key, "key");
            Require(side, table.ModifiedOn, "modifiedOn");
            foreach (var filter in table.Filter.Keys) Require(side, filter, "filter column");
            foreach (var match in mapping.MatchOn) Require(side, side == Side.Local ? match.Field : match.IntegrationField, "matchOn column");
        }
        foreach (var field in mapping.Fields)
        {
            Require(Side.Local, field.Field, "field");
            Require(Side.Integration, field.IntegrationField, "integrationField");
        }
        if (problems.Count > 0) return problems;

        foreach (var field in mapping.Fields)
            CheckTypes(mapping, field, schemas, problems);
        foreach (var side in new[] { Side.Local, Side.Integration })
            CheckCrashSafety(mapping, side, schemas[side], problems);
        return problems;
    }

    private static void CheckTypes(MappingDefinition mapping, FieldMapping field, Dictionary<Side, TableSchema> schemas, List<string> problems)
    {
        var local = field.Field is null ? null : schemas[Side.Local].Get(field.Field);
        var integration = field.IntegrationField is null ? null : schemas[Side.Integration].Get(field.IntegrationField);
        if (field.HasConstant)
        {
            var target = local ?? integration!;
            try { ValueConversion.To(target.Type, field.Constant); }
            catch (ValueConversionException e) { problems.Add($"Mapping '{mapping.Name}', field {target.Name}: the constant {e.Message}"); }
            return;
        }
        if (local is null || integration is null || field.Lookup is not null) return;
        var direction = field.EffectiveDirection(mapping.Direction);
        if (direction.Permits(SyncDirection.ToIntegrationTable) && !Converts(local.Type, integration.Type))
            problems.Add($"Mapping '{mapping.Name}': {local.Name} ({local.Type}) cannot be written to {integration.Name} ({integration.Type}).");
        if (direction.Permits(SyncDirection.FromIntegrationTable) && !Converts(integration.Type, local.Type))
            problems.Add($"Mapping '{mapping.Name}': {integration.Name} ({integration.Type}) cannot be written to {local.Name} ({local.Type}).");
    }

    /// <summary>Whether values of one type can always, or at least usually, become the other (text is checked per value at run time).</summary>
    internal static bool Converts(ColumnType from, ColumnType to)
    {
        if (from == to || to == ColumnType.Text) return true;
        if (from == ColumnType.Text) return to != ColumnType.Binary;
        var numeric = new[] { ColumnType.Integer, ColumnType.Real, ColumnType.Decimal, ColumnType.Boolean };
        if (numeric.Contains(from) && numeric.Contains(to)) return true;
        return (from, to) is (ColumnType.DateTime, ColumnType.Integer) or (ColumnType.Integer, ColumnType.DateTime);
    }

    private static void CheckCrashSafety(MappingDefinition mapping, Side destination, TableSchema schema, List<string> problems)
    {
        var pass = destination == Side.Integration ? SyncDirection.ToIntegrationTable : SyncDirection.FromIntegrationTable;
        if (!mapping.Direction.Permits(pass)) return;
        var key = schema.Get(mapping.TableOf(destination).Key);
        var keyMapped = mapping.Fields.Any(f => string.Equals(f.Column(destination), key.Name, StringComparison.OrdinalIgnoreCase)
                                                && f.EffectiveDirection(mapping.Direction).Permits(pass));
        if (keyMapped || key.Type is ColumnType.Guid or ColumnType.Text) return;
        if (!key.IsGenerated)
            problems.Add($"Mapping '{mapping.Name}': nothing gives {schema.Name}.{key.Name} a value on insert; map a field to it.");
        else if (mapping.MatchOn.Count == 0)
            problems.Add($"Mapping '{mapping.Name}': {schema.Name} generates its key {key.Name} and the mapping has no matchOn, so an " +
                         "insert interrupted by a crash cannot be recognised and may be repeated (not crash-safe). Add matchOn.");
    }
}
