namespace ProcessManager.Hocon;

/// <summary>How <see cref="HoconRenderer"/> writes a tree.</summary>
public sealed record HoconRenderOptions
{
    /// <summary>Compact HOCON on one line.</summary>
    public static HoconRenderOptions Compact { get; } = new() { Indent = false };

    /// <summary>Indented HOCON.</summary>
    public static HoconRenderOptions Pretty { get; } = new();

    /// <summary>Indented HOCON with a comment naming where each value was set.</summary>
    public static HoconRenderOptions PrettyWithOrigins { get; } = new() { Origins = true };

    /// <summary>Indented JSON.</summary>
    public static HoconRenderOptions Json { get; } = new() { AsJson = true };

    /// <summary>JSON on one line.</summary>
    public static HoconRenderOptions JsonCompact { get; } = new() { AsJson = true, Indent = false };

    public bool AsJson { get; init; }

    public bool Indent { get; init; } = true;

    /// <summary>Write "# file:line" before each field (HOCON only).</summary>
    public bool Origins { get; init; }
}
