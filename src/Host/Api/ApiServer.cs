using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProcessManager.Host.Api.Endpoints;

namespace ProcessManager.Host.Api;

/// <summary>
/// The <c>/v1</c> API on its own Kestrel instance (so an embedding application's web server is untouched):
/// always on the Unix socket, on TCP only when configured.
/// </summary>
internal sealed class ApiServer : IAsyncDisposable
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
        var gate = _api.Connections = new ConnectionGate(settings.MaxConnections);
        var certificate = _certificate = settings.TcpEnabled && settings.TlsCertificate is not null ? TlsCertificateLoader.Load(settings) : null;
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

            // The hard cap (per listener): connections past it are dropped unanswered. Those between max-connections
            // and the cap are answered 503 by ApiMiddleware.Overload, as counted by the gate over all listeners.
            kestrel.Limits.MaxConcurrentConnections = settings.MaxConnections + settings.OverloadConnections;
            kestrel.Limits.MaxConcurrentUpgradedConnections = settings.MaxConcurrentStreams;
            kestrel.Limits.MaxRequestBodySize = settings.MaxRequestSize;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.MaxRequestLineSize = 8 * 1024;
            if (settings.UnixSocketEnabled)
            {
                kestrel.ListenUnixSocket(socketPath, listen => listen.Use(gate.Count).Use(next => connection =>
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
                    options.Use(gate.Count);
                    if (certificate is not null)
                    {
                        options.UseHttps(certificate);
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
        app.Use(next => ApiMiddleware.Errors(next, _api));
        app.Use(next => ApiMiddleware.Overload(next, _api));
        app.Use(next => ApiMiddleware.Authentication(next, _api));
        app.Use(next => NodeTarget.Middleware(next, _api));
        app.UseWebSockets();
        app.UseRouting();
        app.Use(next => ApiMiddleware.Timeout(next, _api));
        ProcessEndpoints.Map(app, _api);
        LogEndpoints.Map(app, _api);
        SystemEndpoints.Map(app, _api);
        PaletteEndpoints.Map(app, _api);
        NodeEndpoints.Map(app, _api);

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
            var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
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
    }

    /// <summary>The API server lives inside the outer host: signals belong to that host, not to this one.</summary>
    private sealed class EmbeddedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
