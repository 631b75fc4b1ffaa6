namespace ProcessManager.Hocon;

/// <summary>How a document is parsed (and, through <see cref="Resolve"/>, whether it is resolved afterwards).</summary>
public sealed record HoconParseOptions
{
    public static HoconParseOptions Default { get; } = new();

    /// <summary>Names the document in origins and errors when it is not a file (default "string").</summary>
    public string? OriginDescription { get; init; }

    /// <summary>Directory that relative includes of a parsed string are looked up in; null: such includes are missing.</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>Deepest nesting of objects, arrays and path keys accepted (an error beyond, never a stack overflow).</summary>
    public int MaxNestingDepth { get; init; } = 200;

    /// <summary>Deepest chain of includes accepted.</summary>
    public int MaxIncludeDepth { get; init; } = 32;

    /// <summary>Resolve substitutions after parsing (ConfigurationFactory methods only); false keeps them for a later merge.</summary>
    public bool Resolve { get; init; } = true;

    /// <summary>Options for that resolution.</summary>
    public HoconResolveOptions ResolveOptions { get; init; } = HoconResolveOptions.Default;
}
