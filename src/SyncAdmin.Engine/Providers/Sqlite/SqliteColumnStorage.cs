using System.Globalization;

namespace SyncAdmin.Engine.Providers.Sqlite;

/// <summary>How a SQLite column keeps values. SQLite has no date, GUID, boolean or decimal storage: instants are ISO text
/// (or epoch milliseconds where the column holds integers), GUIDs text in "D" form, booleans 0/1, decimals text that
/// NUMERIC affinity turns into a number.</summary>
public sealed class SqliteColumnStorage : ColumnStorage
{
    private readonly TimeTextLayout _timeText = TimeTextLayout.Iso;
    private readonly bool _timeAsEpochMilliseconds;
    private readonly bool _guidAsBlob;
    private readonly bool _guidUpperCase;

    /// <param name="sample">Reads one stored value; the stored form wins over the declared type, so parameters
    /// compare with what is really there (a DATETIME column holding epoch integers, upper-case GUIDs).</param>
    public SqliteColumnStorage(ColumnSchema column, Func<object?>? sample = null) : base(column)
    {
        if (sample is null || column.Type is not (ColumnType.DateTime or ColumnType.Text or ColumnType.Guid)) return;
        switch (sample())
        {
            case long when column.Type == ColumnType.DateTime:
                _timeAsEpochMilliseconds = true;
                break;
            case string text when column.Type is ColumnType.DateTime or ColumnType.Text:
                _timeText = TimeTextLayout.Detect(text);
                break;
            case string text when column.Type == ColumnType.Guid:
                _guidUpperCase = text.Any(char.IsUpper);
                break;
            case byte[] when column.Type == ColumnType.Guid:
                _guidAsBlob = true;
                break;
        }
    }

    public TimeTextLayout TimeLayout => _timeText;
    public bool StoresTimeAsEpochMilliseconds => _timeAsEpochMilliseconds;

    protected override object Store(object value)
    {
        switch (Column.Type)
        {
            case ColumnType.DateTime:
                var time = (DateTime)ValueConversion.To(ColumnType.DateTime, value)!;
                return _timeAsEpochMilliseconds ? UtcTime.ToEpochMilliseconds(time) : _timeText.Format(time);
            case ColumnType.Text when value is DateTime or DateTimeOffset:
                return _timeText.Format(UtcTime.From(value));
            case ColumnType.Boolean:
                return (bool)ValueConversion.To(ColumnType.Boolean, value)! ? 1L : 0L;
            case ColumnType.Guid:
                var guid = (Guid)ValueConversion.To(ColumnType.Guid, value)!;
                if (_guidAsBlob) return guid.ToByteArray();
                var text = guid.ToString("D");
                return _guidUpperCase ? text.ToUpperInvariant() : text;
            case ColumnType.Decimal:
                // As text: NUMERIC affinity stores it as INTEGER or REAL, comparisons convert the same way.
                return ((decimal)ValueConversion.To(ColumnType.Decimal, value)!).ToString(CultureInfo.InvariantCulture);
            default:
                return ValueConversion.To(Column.Type, value)!;
        }
    }
}
