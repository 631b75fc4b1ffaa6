namespace ProcessManager.Cli.Interactive;

/// <summary>Where the console's lines come from: the terminal line editor, or a plain reader on a pipe.</summary>
internal interface ILineReader
{
    /// <summary>The next line, or null at end of input.</summary>
    Task<string?> ReadLineAsync(CancellationToken cancellation);

    /// <summary>Remembers a submitted line for history navigation.</summary>
    void Remember(string line);
}
