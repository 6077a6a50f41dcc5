using System.Data;
using System.Globalization;
using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace SyncAdmin.Engine.Providers.SqlServer;

/// <summary>How a SQL Server column keeps values. Parameters carry the column's exact type: an nvarchar parameter
/// against a varchar column converts the column and turns an index seek into a scan, and Prepare needs sizes.
/// Values that would not fit (too long, too many digits, out of range) fail here, per record, instead of being
/// silently truncated by SqlClient or failing the whole statement on the server.</summary>
public sealed class SqlServerColumnStorage : ColumnStorage
{
    private static readonly DateTime DateTimeMin = new(1753, 1, 1);
    private static readonly DateTime SmallDateTimeMin = new(1900, 1, 1);
    private static readonly DateTime SmallDateTimeMax = new(2079, 6, 6);

    private readonly SqlDbType? _type;
    private readonly int _size;
    private readonly byte _precision;
    private readonly byte _scale;

    public SqlServerColumnStorage(ColumnSchema column) : base(column)
    {
        var (name, length, scale) = SqlServerColumnTypes.Parse(column.DeclaredType);
        (_type, _size, _precision, _scale) = Describe(name, length, scale);
    }

    private static (SqlDbType? Type, int Size, byte Precision, byte Scale) Describe(string name, int? length, int? scale) => name switch
    {
        "bit" => T(SqlDbType.Bit, 0, 0, 0),
        "tinyint" => T(SqlDbType.TinyInt, 0, 0, 0),
        "smallint" => T(SqlDbType.SmallInt, 0, 0, 0),
        "int" => T(SqlDbType.Int, 0, 0, 0),
        "bigint" => T(SqlDbType.BigInt, 0, 0, 0),
        "decimal" or "numeric" => T(SqlDbType.Decimal, 0, length ?? 18, scale ?? 0),
        "money" => T(SqlDbType.Money, 0, 0, 4),
        "smallmoney" => T(SqlDbType.SmallMoney, 0, 0, 4),
        "float" => T(SqlDbType.Float, 0, 0, 0),
        "real" => T(SqlDbType.Real, 0, 0, 0),
        "date" => T(SqlDbType.Date, 0, 0, 0),
        "datetime" => T(SqlDbType.DateTime, 0, 0, 0),
        "smalldatetime" => T(SqlDbType.SmallDateTime, 0, 0, 0),
        "datetime2" => T(SqlDbType.DateTime2, 0, 0, length ?? 7),
        "datetimeoffset" => T(SqlDbType.DateTimeOffset, 0, 0, length ?? 7),
        "uniqueidentifier" => T(SqlDbType.UniqueIdentifier, 0, 0, 0),
        "char" => T(SqlDbType.Char, length ?? 1, 0, 0),
        "varchar" => T(SqlDbType.VarChar, length ?? 1, 0, 0),
        "text" => T(SqlDbType.VarChar, -1, 0, 0),
        "nchar" => T(SqlDbType.NChar, length ?? 1, 0, 0),
        "nvarchar" or "sysname" => T(SqlDbType.NVarChar, length ?? (name == "sysname" ? 128 : 1), 0, 0),
        "ntext" => T(SqlDbType.NVarChar, -1, 0, 0),
        "xml" => T(SqlDbType.Xml, -1, 0, 0),
        "binary" => T(SqlDbType.Binary, length ?? 1, 0, 0),
        "varbinary" => T(SqlDbType.VarBinary, length ?? 1, 0, 0),
        "image" => T(SqlDbType.VarBinary, -1, 0, 0),
        "timestamp" or "rowversion" => T(SqlDbType.Binary, 8, 0, 0),
        _ => (null, -1, 0, 0),
    };

    private static (SqlDbType?, int, byte, byte) T(SqlDbType type, int size, int precision, int scale) =>
        (type, size, (byte)precision, (byte)scale);

    public override void Configure(DbParameter parameter)
    {
        if (parameter is not SqlParameter sql) return;
        if (_type is { } type) sql.SqlDbType = type;
        if (_size != 0) sql.Size = _size;
        if (_type == SqlDbType.Decimal) sql.Precision = _precision;
        if (_type is SqlDbType.Decimal or SqlDbType.DateTime2 or SqlDbType.DateTimeOffset) sql.Scale = _scale;
    }

    protected override object Store(object value)
    {
        var normal = ValueConversion.To(Column.Type, value)!;
        switch (_type)
        {
            case SqlDbType.TinyInt: return checked((byte)(long)normal);
            case SqlDbType.SmallInt: return checked((short)(long)normal);
            case SqlDbType.Int: return checked((int)(long)normal);
            case SqlDbType.Real: return (float)(double)normal;
            case SqlDbType.Decimal: return FitDecimal((decimal)normal, _precision, _scale);
            case SqlDbType.Money or SqlDbType.SmallMoney: return Math.Round((decimal)normal, 4, MidpointRounding.AwayFromZero);
            case SqlDbType.Date: return ((DateTime)normal).Date;
            case SqlDbType.DateTime:
                return (DateTime)normal >= DateTimeMin ? normal : throw new OverflowException("datetime starts in 1753");
            case SqlDbType.SmallDateTime:
                return (DateTime)normal >= SmallDateTimeMin && (DateTime)normal < SmallDateTimeMax
                    ? normal : throw new OverflowException("smalldatetime holds 1900 to 2079");
            case SqlDbType.DateTimeOffset: return new DateTimeOffset((DateTime)normal, TimeSpan.Zero);
            case SqlDbType.Char or SqlDbType.VarChar or SqlDbType.NChar or SqlDbType.NVarChar:
                var text = (string)normal;
                return _size < 0 || text.Length <= _size ? text : throw new OverflowException($"longer than {_size} characters");
            case SqlDbType.Binary or SqlDbType.VarBinary:
                var bytes = (byte[])normal;
                return _size < 0 || bytes.Length <= _size ? bytes : throw new OverflowException($"longer than {_size} bytes");
            default:
                return normal;
        }
    }

    /// <summary>Rounds like SQL Server does (half away from zero) so a value reads back as written, and refuses a value
    /// whose integer part has more digits than precision − scale allows.</summary>
    private static decimal FitDecimal(decimal value, int precision, int scale)
    {
        var rounded = Math.Round(value, scale, MidpointRounding.AwayFromZero);
        var whole = Math.Truncate(Math.Abs(rounded));
        var integerDigits = whole == 0 ? 0 : whole.ToString(CultureInfo.InvariantCulture).Length;
        return integerDigits <= precision - scale
            ? rounded
            : throw new OverflowException($"more than {precision - scale} digits before the decimal point");
    }
}
