namespace ProcessManager.Cli.Infrastructure;

/// <summary>
/// Ctrl-C cancels the command that is running, not pbm: in the interactive console each command gets its own scope,
/// so an interrupted <c>log follow</c> returns to the prompt.
/// </summary>
internal sealed class CancelKeyScope : IDisposable
{
    private readonly Lock _gate = new();
    private CancellationTokenSource _current = new();

    /// <summary>Starts the scope of the next command.</summary>
    public CancellationToken Begin()
    {
        lock (_gate)
        {
            if (_current.IsCancellationRequested)
            {
                _current.Dispose();
                _current = new CancellationTokenSource();
            }

            return _current.Token;
        }
    }

    /// <summary>Cancels the running command's scope (what Ctrl-C does).</summary>
    public void Cancel()
    {
        lock (_gate)
        {
            _current.Cancel();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _current.Dispose();
}
