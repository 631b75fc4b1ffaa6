using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using ProcessManager.Host.Tests.Observability;

namespace ProcessManager.Host.Tests;

/// <summary>OTLP traces of a real daemon: an API request and the supervisor command it carries reach a collector, in the caller's trace.</summary>
public sealed partial class ActorBackendApiTests
{
    [Fact]
    public async Task With_otlp_on_a_request_and_its_supervisor_command_are_exported_as_spans_of_the_callers_trace()
    {
        using var collector = new FakeOtlpCollector();
        await using var daemon = await RealDaemon.StartAsync($$"""
            pbm.observability.otlp { enabled = on, protocol = "http/protobuf", endpoint = "{{collector.Endpoint}}", interval = 1s }
            """);
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        const string scrapeTraceId = "0af7651916cd43dd8448eb211c80319c";
        using var http = UnixScrape.Http(daemon.SocketPath);
        using var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        scrape.Headers.Add("traceparent", $"00-{scrapeTraceId}-b7ad6b7169203331-01");
        using var scraped = await http.SendAsync(scrape, Ct);
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/processes");
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");
        using var response = await http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // OTLP/protobuf carries span names as plain UTF-8 and trace ids as raw bytes: look for both in what arrived.
        var traceBytes = Convert.FromHexString(traceId);
        var deadline = DateTime.UtcNow + TestTime.Scale(TimeSpan.FromSeconds(30));
        while (!collector.Traces.Any(body => Contains(body, traceBytes) && Contains(body, "pbm ListProcesses"u8.ToArray())))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no span of trace {traceId} reached the collector; paths seen: {string.Join(", ", collector.Paths)}");
            await Task.Delay(200, Ct);
        }

        Assert.Contains("/v1/traces", collector.Paths);
        // Scrapes and health probes are not traced: the scrape, which ended before the request began, left no span.
        Assert.DoesNotContain(collector.Traces, body => Contains(body, Convert.FromHexString(scrapeTraceId)));
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    /// <summary>An OTLP/HTTP receiver on a loopback port: keeps every body posted to /v1/traces and answers 200.</summary>
    private sealed class FakeOtlpCollector : IDisposable
    {
        private readonly HttpListener _listener;
        private readonly Task _loop;

        public FakeOtlpCollector()
        {
            // The probed port is free only until the probe lets it go: a test running beside this one may take it first.
            for (var attempt = 1; ; attempt++)
            {
                var probe = new TcpListener(IPAddress.Loopback, 0);
                probe.Start();
                var port = ((IPEndPoint)probe.LocalEndpoint).Port;
                probe.Stop();
                var listener = new HttpListener();
                listener.Prefixes.Add($"http://127.0.0.1:{port}/");
                try
                {
                    listener.Start();
                    (_listener, Endpoint) = (listener, $"http://127.0.0.1:{port}/");
                    break;
                }
                catch (HttpListenerException) when (attempt < 10)
                {
                    listener.Close();
                }
            }

            _loop = Task.Run(ServeAsync);
        }

        public string Endpoint { get; }

        public ConcurrentQueue<string> Paths { get; } = new();

        public ConcurrentQueue<byte[]> Traces { get; } = new();

        public void Dispose()
        {
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                var path = context.Request.Url?.AbsolutePath ?? "";
                Paths.Enqueue(path);
                if (path == "/v1/traces")
                {
                    Traces.Enqueue(body.ToArray());
                }

                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }
    }
}
