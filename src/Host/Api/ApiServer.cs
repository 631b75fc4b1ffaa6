using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProcessManager.Host.Api.Endpoints;
using ProcessManager.Host.Observability;
using ProcessManager.Host.Observability.Dashboard;
using ProcessManager.Host.Observability.Metrics;

namespace ProcessManager.Host.Api;

/// <summary>
/// The <c>/v1</c> API on its own Kestrel instance (so an embedding application's web server is untouched):
/// always on the Unix socket, on TCP only when configured.
/// </summary>
internal sealed partial class ApiServer : IAsyncDisposable
{
    private readonly ApiContext _api;
    private readonly ILoggerFactory _loggerFactory;
    private WebApplication? _app;
    private X509Certificate2? _certificate;

    public ApiServer(ApiContext api, ILoggerFactory loggerFactory)
    {
        _api = api;
        _loggerFactory = loggerFactory;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = _api.Settings;
        var socketPath = _api.SocketPath;
        Directory.CreateDirectory(Path.GetDirectoryName(socketPath)!);

        // We hold the PBM_HOME lock, so a socket file left here belongs to a dead daemon.
        if (File.Exists(socketPath))
        {
            File.Delete(socketPath);
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = _api.PbmHome });
        builder.Services.Replace(ServiceDescriptor.Singleton(_loggerFactory));
        builder.Services.Replace(ServiceDescriptor.Singleton<IHostLifetime, EmbeddedLifetime>());
        builder.Services.AddRoutingCore();
        if (_api.Observability is { } metrics)
        {
            MetricsPipeline.AddTo(builder.Services, metrics.Metrics, metrics.Settings);
        }

        var rejections = _api.Rejections = new RejectionLog(_api.Logger, settings.RejectedLogInterval);
        var gate = _api.Connections = new ConnectionGate(settings.MaxConnections, settings.OverloadConnections, "pbm.api.max-connections", rejections);
        var tcpGate = _api.TcpConnections = settings.TcpEnabled
            ? new ConnectionGate(settings.TcpMaxConnections, settings.TcpOverloadConnections, "pbm.api.tcp.max-connections", rejections)
            : null;
        var deadline = FirstRequestDeadline.Arm(settings.HeaderTimeout);
        var certificate = _certificate = settings.TcpEnabled && settings.TlsCertificate is not null ? TlsCertificateLoader.Load(settings) : null;
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

            // Each listener's gate closes connections past its own hard cap and marks those between its max-connections
            // and the cap for ApiMiddleware.Overload's 503. Kestrel's limit (per listener) is only the outer bound.
            kestrel.Limits.MaxConcurrentConnections = Math.Max(
                settings.MaxConnections + settings.OverloadConnections, settings.TcpMaxConnections + settings.TcpOverloadConnections) + 1;
            kestrel.Limits.RequestHeadersTimeout = settings.HeaderTimeout;
            kestrel.Limits.MaxConcurrentUpgradedConnections = settings.MaxConcurrentStreams;
            kestrel.Limits.MaxRequestBodySize = settings.MaxRequestSize;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.MaxRequestLineSize = 8 * 1024;
            if (settings.UnixSocketEnabled)
            {
                kestrel.ListenUnixSocket(socketPath, listen => listen.Use(gate.Count).Use(deadline).Use(next => connection =>
                {
                    // Marks connections that came through the socket file: its mode already admitted them.
                    connection.Features.Set(UnixSocketConnection.Instance);
                    return next(connection);
                }));
            }

            if (settings.TcpEnabled)
            {
                void Configure(ListenOptions options)
                {
                    options.Use(tcpGate!.Count).Use(deadline);
                    if (certificate is not null)
                    {
                        options.UseHttps(new HttpsConnectionAdapterOptions { ServerCertificate = certificate, HandshakeTimeout = settings.HeaderTimeout });
                    }
                }

                if (settings.TcpBind is "localhost")
                {
                    kestrel.ListenLocalhost(settings.TcpPort, Configure);
                }
                else
                {
                    var address = settings.TcpBind is "*" ? IPAddress.IPv6Any : IPAddress.Parse(settings.TcpBind);
                    kestrel.Listen(address, settings.TcpPort, Configure);
                }
            }
        });

        var app = builder.Build();
        var server = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>();
        if (!KestrelHeartbeat.TrySetInterval(server, settings.HeartbeatInterval))
        {
            LogHeartbeatUnchanged(_api.Logger, settings.HeartbeatInterval);
        }

        app.Use(next => ApiMiddleware.Errors(next, _api));
        app.Use(next => ApiMiddleware.Overload(next, _api));
        if (_api.Observability is { } admission)
        {
            app.Use(next => DashboardAuthentication.Middleware(next, _api, admission));
        }

        app.Use(next => ApiMiddleware.Authentication(next, _api));
        app.UseWebSockets();
        app.UseRouting();
        app.Use(next => NodeTarget.Middleware(next, _api));
        app.Use(next => ApiMiddleware.Timeout(next, _api));
        ProcessEndpoints.Map(app, _api);
        BulkEndpoints.Map(app, _api);
        LogEndpoints.Map(app, _api);
        ManyLogEndpoints.Map(app, _api);
        SystemEndpoints.Map(app, _api);
        PaletteEndpoints.Map(app, _api);
        NodeEndpoints.Map(app, _api);
        UsbEndpoints.Map(app, _api);
        PluginEndpoints.Map(app, _api);
        if (_api.Observability is { } observability)
        {
            ObservabilityEndpoints.Map(app, _api, observability);
        }

        // No fallback endpoint: it would turn a wrong method into 404. Unmatched requests end as an empty 404 (or
        // routing's 405), which ApiMiddleware.Errors answers with the JSON error shape.

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        if (settings.UnixSocketEnabled)
        {
            File.SetUnixFileMode(socketPath, settings.UnixSocketMode);
        }

        if (settings.TcpEnabled)
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
            _api.TcpEndpoint = addresses?.FirstOrDefault(a => !a.StartsWith("http://unix:", StringComparison.Ordinal));
        }
    }

    /// <summary>Stops accepting; open streams are cut after the grace period.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
            if (File.Exists(_api.SocketPath))
            {
                File.Delete(_api.SocketPath);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }

        _certificate?.Dispose();
        _api.Rejections?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "This Kestrel has no heartbeat interval to set: it wakes every second, not every {Interval} (pbm.api.heartbeat-interval)")]
    private static partial void LogHeartbeatUnchanged(ILogger logger, TimeSpan interval);

    /// <summary>The API server lives inside the outer host: signals belong to that host, not to this one.</summary>
    private sealed class EmbeddedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
