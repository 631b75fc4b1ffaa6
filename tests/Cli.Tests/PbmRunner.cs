using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Tests;

/// <summary>Runs pbm in-process against the fake client and a fake console.</summary>
internal sealed class PbmRunner
{
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    public PbmRunner(bool terminal = false, string input = "")
    {
        Console = new FakeConsole(terminal, input);
        var home = Path.Combine(Path.GetTempPath(), "pbm-cli-tests-" + Guid.NewGuid().ToString("N"));
        _environment["HOME"] = home;
        _environment["PBM_HOME"] = Path.Combine(home, ".pbm");
    }

    public FakeApiClient Client { get; } = new();

    public FakeConsole Console { get; }

    public Target? LastTarget { get; private set; }

    public string Home => _environment["HOME"];

    public PbmRunner With(string key, string value)
    {
        _environment[key] = value;
        return this;
    }

    public Task<int> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    public Task<int> RunAsync(CancellationToken cancellation, params string[] args)
    {
        var app = new PbmApp(Console, new FixedClock(), target =>
        {
            LastTarget = target;
            return Client;
        }, key => _environment.GetValueOrDefault(key));
        return app.RunAsync(args, cancellation);
    }
}
