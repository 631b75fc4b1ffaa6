namespace ProcessManager.Cli.Infrastructure;

/// <summary>The real console. <c>PBM_FORCE_TTY=1</c> makes piped output look like a terminal's (for tests and <c>watch</c>).</summary>
internal sealed class SystemConsoleIO : IConsoleIO
{
    private readonly bool _forceTty = Environment.GetEnvironmentVariable("PBM_FORCE_TTY") is "1" or "true";

    /// <inheritdoc />
    public TextWriter Out { get; } = Console.Out;

    /// <inheritdoc />
    public TextWriter Error { get; } = Console.Error;

    /// <inheritdoc />
    public TextReader In => Console.In;

    /// <inheritdoc />
    public bool IsOutputTerminal => _forceTty || !Console.IsOutputRedirected;

    /// <inheritdoc />
    public bool IsErrorTerminal => !Console.IsErrorRedirected;

    /// <inheritdoc />
    public bool IsInputTerminal => !Console.IsInputRedirected;

    /// <inheritdoc />
    public int Width
    {
        get
        {
            try
            {
                return Console.IsOutputRedirected ? 120 : Math.Max(40, Console.WindowWidth);
            }
            catch (IOException)
            {
                return 120;
            }
        }
    }
}
