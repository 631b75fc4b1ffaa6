using ProcessManager.Contracts.Client;

namespace ProcessManager.Cli.Infrastructure;

/// <summary>What a command's run function gets injected: console, clock, client, output mode, cancellation.</summary>
internal sealed class CommandContext
{
    private readonly Func<Target, IPbmApiClient> _clientFactory;
    private IPbmApiClient? _client;
    private Target? _target;

    /// <summary>Creates a context.</summary>
    public CommandContext(
        IConsoleIO io,
        IClock clock,
        GlobalOptions globals,
        Func<Target, IPbmApiClient> clientFactory,
        Func<string, string?> environment,
        CancellationToken cancellation)
    {
        IO = io;
        Clock = clock;
        Globals = globals;
        _clientFactory = clientFactory;
        Environment = environment;
        Cancellation = cancellation;
    }

    /// <summary>The console.</summary>
    public IConsoleIO IO { get; }

    /// <summary>The clock.</summary>
    public IClock Clock { get; }

    /// <summary>Global options of this invocation.</summary>
    public GlobalOptions Globals { get; }

    /// <summary>Environment variables (a function, so tests pass their own).</summary>
    public Func<string, string?> Environment { get; }

    /// <summary>Cancelled by Ctrl-C.</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>True when <c>--json</c> was given.</summary>
    public bool Json { get; set; }

    /// <summary>The resolved target (host and token).</summary>
    public Target Target => _target ??= Infrastructure.Target.Resolve(Globals, Environment);

    /// <summary>The API client for <see cref="Target"/>, created on first use.</summary>
    public IPbmApiClient Client => _client ??= _clientFactory(Target);

    /// <summary>Writes a diagnostic line to stderr, after what stdout holds so far (it is buffered), so a terminal shows them in order.</summary>
    public void Diagnostic(string message)
    {
        IO.Out.Flush();
        IO.Error.Write(message);
        IO.Error.Write('\n');
    }
}
