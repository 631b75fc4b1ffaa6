using System.Net.Sockets;

namespace ProcessManager.Host.Tests.Observability;

/// <summary>Scrapes <c>/metrics</c> over a daemon's Unix socket (open there without a token) until a condition holds.</summary>
internal static class UnixScrape
{
    public static async Task<IReadOnlyList<PrometheusSample>> UntilAsync(string socketPath, Func<IReadOnlyList<PrometheusSample>, bool> seen, CancellationToken cancellationToken)
    {
        using var http = Http(socketPath);
        var deadline = DateTime.UtcNow + TestTime.Scale(TimeSpan.FromSeconds(30));
        while (true)
        {
            var (samples, _) = PrometheusText.Parse(await http.GetStringAsync("/metrics", cancellationToken));
            if (seen(samples) || DateTime.UtcNow > deadline)
            {
                return samples;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>An HTTP client whose every connection goes to the daemon's Unix socket.</summary>
    public static HttpClient Http(string socketPath) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, token) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), token);
            return new NetworkStream(socket, ownsSocket: true);
        },
    })
    { BaseAddress = new Uri("http://pbm") };

    public static double? Value(IReadOnlyList<PrometheusSample> samples, string name, params (string Key, string Value)[] labels) =>
        samples.FirstOrDefault(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value))?.Value;
}
