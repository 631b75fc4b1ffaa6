namespace ProcessManager.Hocon;

/// <summary>A value exists but cannot be read as the requested type.</summary>
public sealed class ConfigWrongTypeException : ConfigurationException
{
    public ConfigWrongTypeException() { }

    public ConfigWrongTypeException(string message) : base(message) { }

    public ConfigWrongTypeException(string message, Exception inner) : base(message, inner) { }

    public ConfigWrongTypeException(string path, string expected, HoconValue actual)
        : base($"'{path}' has type {actual.Type.ToString().ToLowerInvariant()} ({Describe(actual)}) rather than {expected}", actual.Origin)
    {
        Path = path;
    }

    public string? Path { get; }

    private static string Describe(HoconValue value)
    {
        var text = value is HoconObject or HoconArray ? value.Type.ToString().ToLowerInvariant() : value.ToString();
        return text.Length > 60 ? string.Concat(text.AsSpan(0, 57), "...") : text;
    }
}
