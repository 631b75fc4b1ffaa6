namespace ProcessManager.Hocon;

/// <summary>A syntax error: names the file, line and column and what was expected there.</summary>
public sealed class HoconParseException : ConfigurationException
{
    public HoconParseException() { }

    public HoconParseException(string message) : base(message) { }

    public HoconParseException(string message, Exception inner) : base(message, inner) { }

    public HoconParseException(string source, int line, int column, string reason)
        : base(new HoconOrigin(source, line), $"{source}:{line}:{column}: {reason}", messageHasLocation: true)
    {
        Source = source;
        Line = line;
        Column = column;
        Reason = reason;
    }

    public new string? Source { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>The message without the location prefix.</summary>
    public string? Reason { get; }
}
