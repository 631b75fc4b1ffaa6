namespace ProcessManager.Host.Palettes;

/// <summary>What a palette command handler gets: its arguments, the host's services and a writer for its output.</summary>
public sealed class PaletteCommandContext
{
    internal PaletteCommandContext(
        IReadOnlyDictionary<string, string> arguments,
        IReadOnlyList<string> positional,
        IServiceProvider services,
        CancellationToken cancellationToken)
    {
        Arguments = arguments;
        Positional = positional;
        Services = services;
        CancellationToken = cancellationToken;
    }

    /// <summary>Named arguments; a flag that was given has the value "true".</summary>
    public IReadOnlyDictionary<string, string> Arguments { get; }

    /// <summary>Arguments without a name, in order.</summary>
    public IReadOnlyList<string> Positional { get; }

    /// <summary>The embedding application's services.</summary>
    public IServiceProvider Services { get; }

    /// <summary>Cancelled when the caller goes away or the daemon stops.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>What pbm prints for this command.</summary>
    public StringWriter Output { get; } = new(System.Globalization.CultureInfo.InvariantCulture);
}
