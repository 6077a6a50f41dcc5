using System.Data.Common;

namespace SyncAdmin.Engine.Providers.Sqlite;

/// <summary>Reads a SQLite table's columns through <c>pragma_table_xinfo</c> (which also reports generated columns).</summary>
public static class SqliteSchemaReader
{
    /// <summary>The table's schema, or null when there is no such table or view.</summary>
    public static TableSchema? Read(DbConnection connection, string table)
    {
        var rows = new List<(string Name, string Type, bool NotNull, int PrimaryKey, int Hidden)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name, type, \"notnull\", pk, hidden FROM pragma_table_xinfo(@table) ORDER BY cid";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@table";
            parameter.Value = table;
            command.Parameters.Add(parameter);
            using var reader = command.ExecuteReader();
            while (reader.Read())
                rows.Add((reader.GetString(0), reader.IsDBNull(1) ? "" : reader.GetString(1), reader.GetInt64(2) != 0,
                    (int)reader.GetInt64(3), (int)reader.GetInt64(4)));
        }
        if (rows.Count == 0) return null;

        var primaryKeyColumns = rows.Count(r => r.PrimaryKey > 0);
        var columns = rows
            .Where(r => r.Hidden != 1) // 1 = a virtual table's hidden column; 2 and 3 are generated columns
            .Select(r =>
            {
                var rowId = r.PrimaryKey > 0 && SqliteColumnTypes.IsRowIdAlias(r.Type, primaryKeyColumns);
                return new ColumnSchema(r.Name, SqliteColumnTypes.From(r.Type), r.Type,
                    IsNullable: !r.NotNull && !rowId, IsPrimaryKey: r.PrimaryKey > 0, IsGenerated: rowId || r.Hidden >= 2);
            });
        return new TableSchema(table, columns);
    }
}
