namespace SyncAdmin.Engine.Configuration;

/// <summary>A mapping file or setting is wrong. Names the file, line and column when it knows them;
/// nothing is imported when this is thrown.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string message, string? file = null, int line = 0, int column = 0, Exception? inner = null)
        : base(Format(message, file, line, column), inner)
    {
        Reason = message;
        File = file;
        Line = line;
        Column = column;
    }

    /// <summary>The message without the location prefix.</summary>
    public string Reason { get; }
    public string? File { get; }
    public int Line { get; }
    public int Column { get; }

    private static string Format(string message, string? file, int line, int column)
    {
        if (file is null && line == 0) return message;
        var where = file ?? "<input>";
        return line > 0 ? $"{where}({line},{column}): {message}" : $"{where}: {message}";
    }
}
