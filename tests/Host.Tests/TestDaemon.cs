using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProcessManager.Contracts.Client;
using ProcessManager.Host.Api;
using ProcessManager.Host.Backend;
using ProcessManager.Host.Hosting;

namespace ProcessManager.Host.Tests;

/// <summary>A process manager embedded in a test host, in a temp PBM_HOME, with the fake backend.</summary>
internal sealed class TestDaemon : IAsyncDisposable
{
    private readonly IHost _host;

    private TestDaemon(IHost host, string home, ReadyInfo ready, FakeProcessBackend backend, CapturingLoggerProvider logs)
    {
        Logs = logs;
        _host = host;
        Home = home;
        Ready = ready;
        Backend = backend;
        Unix = new PbmApiClient(PbmEndpoint.Unix(ready.SocketPath));
    }

    public string Home { get; }

    public ReadyInfo Ready { get; }

    public FakeProcessBackend Backend { get; }

    public PbmApiClient Unix { get; }

    /// <summary>Every message the daemon logged (warnings and above).</summary>
    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => _host.Services;

    public PbmEndpoint Tcp
    {
        get
        {
            var uri = new Uri(Ready.TcpEndpoint ?? throw new InvalidOperationException("TCP is off"));
            return PbmEndpoint.Tcp(uri.Host, uri.Port, useTls: uri.Scheme == Uri.UriSchemeHttps);
        }
    }

    public string Token => File.ReadAllText(Ready.TokenFile).Trim();

    public static async Task<TestDaemon> StartAsync(
        ApiSettings? api = null, Action<ProcessManagerBuilder>? configure = null, string? home = null, Action<IServiceCollection>? services = null)
    {
        home ??= Directory.CreateTempSubdirectory("pbm-host-tests-").FullName;
        var backend = new FakeProcessBackend();
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var logs = new CapturingLoggerProvider();
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton<IProcessBackend>(backend);
        services?.Invoke(builder.Services);
        builder.Services.AddProcessManager(pm =>
        {
            pm.Options.PbmHome = home;
            pm.Options.Api = api ?? new ApiSettings { TcpEnabled = true, TcpPort = 0 };
            configure?.Invoke(pm);
        });
        var host = builder.Build();
        await host.StartAsync();
        var ready = await host.Services.GetRequiredService<ProcessManagerReadiness>().Ready;
        return new TestDaemon(host, home, ready, backend, logs);
    }

    public PbmApiClient TcpClient(string? token, PbmClientSettings? settings = null) => new(Tcp, token, settings);

    /// <summary>Stops the host (its coordinated shutdown) and keeps the folder, for a test to look at.</summary>
    public Task StopAsync() => _host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
