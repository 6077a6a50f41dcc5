using System.Data.Common;

namespace SyncAdmin.Engine.Providers.SqlServer;

/// <summary>Reads a SQL Server table's columns from sys.columns: base type, length, precision and scale for typed
/// parameters; identity, computed and rowversion columns are generated.</summary>
public static class SqlServerSchemaReader
{
    public const string Query =
        "SELECT c.name, TYPE_NAME(c.system_type_id), c.max_length, c.precision, c.scale, c.is_nullable, c.is_identity, c.is_computed, " +
        "CAST(CASE WHEN EXISTS (SELECT 1 FROM sys.indexes AS i JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id " +
        "WHERE i.object_id = c.object_id AND i.is_primary_key = 1 AND ic.column_id = c.column_id) THEN 1 ELSE 0 END AS bit) " +
        "FROM sys.columns AS c WHERE c.object_id = OBJECT_ID(@table) ORDER BY c.column_id";

    /// <param name="quotedTable">The table as quoted by the dialect ("[dbo].[Customer]"), as OBJECT_ID expects it.</param>
    /// <returns>The schema, or null when there is no such table or view.</returns>
    public static TableSchema? Read(DbConnection connection, string table, string quotedTable)
    {
        var columns = new List<ColumnSchema>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = Query;
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@table";
            parameter.Value = quotedTable;
            command.Parameters.Add(parameter);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var typeName = reader.GetString(1);
                var declared = SqlServerColumnTypes.Declare(typeName, Convert.ToInt32(reader.GetValue(2)),
                    Convert.ToInt32(reader.GetValue(3)), Convert.ToInt32(reader.GetValue(4)));
                var rowVersion = typeName is "timestamp" or "rowversion";
                columns.Add(new ColumnSchema(reader.GetString(0), SqlServerColumnTypes.From(declared), declared,
                    IsNullable: reader.GetBoolean(5), IsPrimaryKey: reader.GetBoolean(8),
                    IsGenerated: reader.GetBoolean(6) || reader.GetBoolean(7) || rowVersion));
            }
        }
        return columns.Count == 0 ? null : new TableSchema(table, columns);
    }
}
