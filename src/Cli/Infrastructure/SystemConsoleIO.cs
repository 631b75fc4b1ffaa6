namespace ProcessManager.Cli.Infrastructure;

/// <summary>The real console. <c>PBM_FORCE_TTY=1</c> makes piped output look like a terminal's (for tests and <c>watch</c>).</summary>
internal sealed class SystemConsoleIO : IConsoleIO
{
    private readonly bool _forceTty = Environment.GetEnvironmentVariable("PBM_FORCE_TTY") is "1" or "true";

    /// <summary>
    /// Standard output, UTF-8 and buffered: <c>Console.Out</c> flushes (one write(2)) per call, hundreds for a table.
    /// Streams flush per line themselves; <see cref="Program"/> flushes at exit and the console after each command.
    /// </summary>
    public TextWriter Out { get; } = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 16 * 1024) { AutoFlush = false, NewLine = "\n" };

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
}
