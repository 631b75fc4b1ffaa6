using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ProcessManager.Host.Api;

namespace ProcessManager.Host.Tests.Security;

/// <summary>Refused requests are logged at a bounded rate with a count, not one line each: a flood cannot rotate the log away.</summary>
public sealed partial class RejectedRequestLogTests
{
    private const int Requests = 40;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_flood_of_requests_without_a_token_is_logged_once_per_interval_with_the_count_of_the_rest()
    {
        await using var daemon = await TestDaemon.StartAsync(new ApiSettings { TcpEnabled = true, TcpPort = 0, RejectedLogInterval = TimeSpan.FromSeconds(1) });
        var client = daemon.TcpClient("not-the-token");
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Requests; i++)
        {
            Assert.Equal(401, (await client.SendRawAsync("GET", "/v1/processes", null, Ct)).StatusCode);
        }

        var elapsed = watch.Elapsed;

        // Each interval's summary comes when it ends; every refusal is accounted for, in full or in a count.
        await TestTime.EventuallyAsync(
            () => Task.FromResult(FullLines(daemon).Count + Summaries(daemon).Sum() == Requests),
            TimeSpan.FromSeconds(20),
            "every rejection logged or counted");

        var full = FullLines(daemon).Count;
        Assert.True(full <= 2 + (int)elapsed.TotalSeconds, $"{full} full lines for {Requests} rejections in {elapsed}");
        Assert.Contains(daemon.Logs.Messages, m => m.Contains("more rejected requests in the last", StringComparison.Ordinal) && m.Contains("(wrong token)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rejections_still_counted_when_the_daemon_stops_are_reported()
    {
        await using var daemon = await TestDaemon.StartAsync(new ApiSettings { TcpEnabled = true, TcpPort = 0, RejectedLogInterval = TimeSpan.FromHours(1) });
        var client = daemon.TcpClient(null);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(401, (await client.SendRawAsync("GET", "/v1/daemon", null, Ct)).StatusCode);
        }

        await daemon.StopAsync();

        Assert.Single(FullLines(daemon));
        Assert.Equal([4], Summaries(daemon));
    }

    private static List<string> FullLines(TestDaemon daemon) =>
        [.. daemon.Logs.Messages.Where(m => m.Contains("Rejected unauthenticated API request from 127.0.0.1", StringComparison.Ordinal))];

    private static List<int> Summaries(TestDaemon daemon) =>
        [.. daemon.Logs.Messages.Select(m => SummaryPattern().Match(m)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"(\d+) more rejected requests in the last")]
    private static partial Regex SummaryPattern();
}
