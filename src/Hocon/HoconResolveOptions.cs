namespace ProcessManager.Hocon;

/// <summary>How substitutions are resolved.</summary>
public sealed record HoconResolveOptions
{
    public static HoconResolveOptions Default { get; } = new();

    /// <summary>Options with no environment-variable fallback (what tests and conformance vectors use).</summary>
    public static HoconResolveOptions NoEnvironment { get; } = new() { UseEnvironment = false };

    /// <summary>
    /// A substitution with a one-key path (<c>${HOME}</c>) that is not in the config falls back to the environment
    /// variable of that exact name. Paths of several keys never match an environment variable.
    /// </summary>
    public bool UseEnvironment { get; init; } = true;

    /// <summary>The environment to use; null reads the process environment.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Deepest chain of substitutions followed before giving up with an error.</summary>
    public int MaxDepth { get; init; } = 400;
}
