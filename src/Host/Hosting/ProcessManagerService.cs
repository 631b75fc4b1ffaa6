using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProcessManager.Host.Api;
using ProcessManager.Host.Backend;
using ProcessManager.Host.Palettes;
using ProcessManager.Host.Stats;

namespace ProcessManager.Host.Hosting;

/// <summary>
/// Runs the whole process manager inside a host: takes the PBM_HOME lock, starts the actor system, then the API.
/// Stopping runs the reverse: the API stops accepting, programs stop in parallel, the journal is flushed, the lock released.
/// </summary>
internal sealed partial class ProcessManagerService : IHostedService, IAsyncDisposable
{
    private readonly ProcessManagerOptions _options;
    private readonly IProcessBackend _backend;
    private readonly PaletteRegistry _palettes;
    private readonly ProcessManagerReadiness _readiness;
    private readonly IServiceProvider _services;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private DaemonLock? _lock;
    private ApiServer? _server;
    private bool _backendStarted;

    public ProcessManagerService(
        ProcessManagerOptions options,
        IProcessBackend backend,
        PaletteRegistry palettes,
        ProcessManagerReadiness readiness,
        IServiceProvider services,
        IHostApplicationLifetime lifetime,
        ILoggerFactory loggerFactory)
    {
        _options = options;
        _backend = backend;
        _palettes = palettes;
        _readiness = readiness;
        _services = services;
        _lifetime = lifetime;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("ProcessManager");
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var home = _options.PbmHome ??= PbmHome.Resolve();
            PbmHome.Ensure(home);
            _lock = DaemonLock.Acquire(Path.Combine(home, "pbmd.lock"));

            if (_options.Configuration is null)
            {
                var (loaded, warnings) = DaemonConfiguration.Load(home, _options.ConfigFile);
                _options.Configuration = loaded;
                _options.ConfigurationWarnings = warnings;
            }

            // Loaded here, or already when the host was built (for its shutdown timeout).
            foreach (var warning in _options.ConfigurationWarnings)
            {
                LogConfigWarning(_logger, warning);
            }

            var config = _options.Configuration;

            // Kept in the options, so the backend reads the same settings instead of parsing them again.
            var settings = _options.Api ??= ApiSettingsReader.Read(config);
            settings.Validate();
            var socketPath = settings.UnixSocketPath ?? Path.Combine(home, "pbm.sock");
            var tokens = new TokenStore(settings.TokenFile ?? Path.Combine(home, "api.token"));
            var counters = new ApiCounters(settings.MaxConcurrentStreams, settings.LatencySamples);

            if (settings.UnixSocketEnabled)
            {
                SocketDirectory.Secure(socketPath, home, settings.UnixSocketMode, _logger);
            }

            await _backend.StartAsync(cancellationToken).ConfigureAwait(false);
            _backendStarted = true;

            var api = new ApiContext(settings, home, socketPath, _backend, _palettes, tokens, counters, _services, _lifetime, _logger);
            _server = new ApiServer(api, _loggerFactory);
            await _server.StartAsync(cancellationToken).ConfigureAwait(false);

            LogReady(_logger, socketPath, api.TcpEndpoint ?? "off", Environment.ProcessId);
            _readiness.SetReady(new ReadyInfo(home, socketPath, api.TcpEndpoint, tokens.TokenFile));
        }
        catch (Exception ex)
        {
            _readiness.SetFailed(ex);
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_server is { } server)
            {
                _server = null;
                await server.StopAsync(cancellationToken).ConfigureAwait(false);
                await server.DisposeAsync().ConfigureAwait(false);
            }

            if (_backendStarted)
            {
                _backendStarted = false;
                await _backend.StopAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _lock?.Dispose();
            _lock = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is { } server)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }

        _lock?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Configuration: {Warning}")]
    private static partial void LogConfigWarning(ILogger logger, string warning);

    [LoggerMessage(Level = LogLevel.Information, Message = "pbmd ready: unix socket {Socket}, tcp {Tcp}, pid {Pid}")]
    private static partial void LogReady(ILogger logger, string socket, string tcp, int pid);
}
