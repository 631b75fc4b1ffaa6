namespace ProcessManager.Cli.Interactive;

/// <summary>Reads lines from a pipe or file: no prompt, no editing, so scripted sessions print only results.</summary>
internal sealed class PlainLineReader(TextReader input) : ILineReader
{
    /// <inheritdoc />
    public async Task<string?> ReadLineAsync(CancellationToken cancellation) =>
        await input.ReadLineAsync(cancellation).ConfigureAwait(false);

    /// <inheritdoc />
    public void Remember(string line)
    {
        // A pipe has no history navigation.
    }
}
