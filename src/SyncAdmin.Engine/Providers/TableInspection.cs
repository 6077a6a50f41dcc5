using System.Data.Common;

namespace SyncAdmin.Engine.Providers;

/// <summary>The account a connection signed in as, as far as the database knows it (SQL Server logins).</summary>
public sealed record DatabaseAccount(string? Login, bool IsServerAdministrator, bool IsDatabaseOwner, bool? MustChangePassword,
    int? DaysUntilPasswordExpires);

/// <summary>What a setup check or a reconciliation needs to know of a table beyond its rows: its size, the columns its
/// indexes lead with, the distinct values of a column, the database's own clock, the signed-in account and its
/// permissions, and whether this connection may write it (statements that match no row, in a transaction that is
/// rolled back).</summary>
public interface ITableInspection
{
    /// <summary>Every row of the table, filter or not: how big a scan would be.</summary>
    long Count();

    /// <summary>The rows a pass reads from this watermark: those the filter selects modified at or after
    /// <paramref name="since"/>, or all of them when it is null or the table has no modified-on column.</summary>
    long CountSince(DateTime? since);

    IReadOnlySet<string> IndexedLeadingColumns();

    /// <summary>Up to <paramref name="limit"/> distinct non-null values of a column among the rows the filter selects,
    /// normalised to the column's type.</summary>
    IReadOnlyList<object> DistinctValues(string column, int limit);

    DateTime DatabaseUtcNow();

    /// <summary>Null when the database has no accounts.</summary>
    DatabaseAccount? Account();

    /// <summary>The statements (SELECT, INSERT, UPDATE, DELETE) the account may not run on this table; null when the
    /// database has no permissions to ask about.</summary>
    IReadOnlyList<string>? MissingPermissions();

    /// <summary>Null when inserting, updating and deleting would be allowed; else the database's reason.</summary>
    string? WriteRefusal();
}

public sealed partial class DbRecordTable : ITableInspection
{
    public long Count() => Convert.ToInt64(Scalar(Dialect.SelectCount(_query, filtered: false, since: false)));

    public long CountSince(DateTime? since)
    {
        var modifiedOn = since is null ? null : ModifiedOnColumn;
        using var command = _connection.CreateCommand();
        command.CommandText = Dialect.SelectCount(_query, filtered: true, since: modifiedOn is not null);
        AddFilterParameters(command);
        if (modifiedOn is not null)
        {
            AddParameter(command, SqlDialect.SinceParameter, StorageOf(modifiedOn));
            command.Parameters[SqlDialect.SinceParameter].Value = StorageOf(modifiedOn).ToParameterValue(since);
        }
        return Convert.ToInt64(command.ExecuteScalar());
    }

    public IReadOnlySet<string> IndexedLeadingColumns()
    {
        using var command = TableCommand(Dialect.IndexLeadingColumns);
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using var reader = command.ExecuteReader();
        while (reader.Read()) columns.Add(reader.GetString(0));
        return columns;
    }

    public IReadOnlyList<object> DistinctValues(string column, int limit)
    {
        var schema = RequireColumn(column);
        using var command = _connection.CreateCommand();
        command.CommandText = Dialect.SelectDistinct(_query, schema.Name, limit);
        AddFilterParameters(command);
        var values = new List<object>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (reader.IsDBNull(0)) continue;
            var stored = reader.GetValue(0);
            try { values.Add(ValueConversion.To(schema.Type, stored)!); }
            catch (ValueConversionException) { values.Add(new UnconvertibleValue(stored, schema.Type)); }
        }
        return values;
    }

    public DateTime DatabaseUtcNow() => UtcTime.From(Scalar(Dialect.UtcNow)!);

    public DatabaseAccount? Account()
    {
        if (Dialect.AccountQuery is not { } sql) return null;
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        int? Int(int i) => reader.IsDBNull(i) ? null : Convert.ToInt32(reader.GetValue(i));
        return new DatabaseAccount(reader.IsDBNull(0) ? null : reader.GetString(0), Int(1) == 1, Int(2) == 1,
            Int(3) is { } mustChange ? mustChange == 1 : null, Int(4));
    }

    public IReadOnlyList<string>? MissingPermissions()
    {
        if (Dialect.PermissionQuery is not { } sql) return null;
        using var command = TableCommand(sql);
        using var reader = command.ExecuteReader();
        reader.Read();
        var names = new[] { "SELECT", "INSERT", "UPDATE", "DELETE" };
        return names.Where((_, i) => reader.IsDBNull(i) || Convert.ToInt32(reader.GetValue(i)) != 1).ToList();
    }

    public string? WriteRefusal()
    {
        using var transaction = _connection.BeginTransaction();
        try
        {
            foreach (var sql in Dialect.WriteProbes(Name, KeyColumn.Name))
            {
                using var command = _connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = sql;
                command.ExecuteNonQuery();
            }
            return null;
        }
        catch (DbException e)
        {
            return e.Message;
        }
        finally
        {
            try { transaction.Rollback(); }
            catch (DbException) { } // a refused write may have ended the transaction already
            catch (InvalidOperationException) { }
        }
    }

    private DbCommand TableCommand(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        var table = command.CreateParameter();
        table.ParameterName = "@table";
        table.Value = Dialect.InspectedTableName(Name);
        command.Parameters.Add(table);
        return command;
    }

    private object? Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }
}
