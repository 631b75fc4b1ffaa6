namespace ProcessManager.Hocon;

/// <summary>State shared by a document and the files it includes.</summary>
internal sealed class ParseContext(HoconParseOptions options)
{
    public HoconParseOptions Options { get; } = options;

    /// <summary>Full paths of the files being parsed, outermost first, to report include cycles.</summary>
    public List<string> IncludeStack { get; } = [];

    /// <summary>Current nesting depth of values across the document and its includes.</summary>
    public int Depth { get; set; }
}
