using System.Text.Json;
using ProcessManager.Cli.Commands.Process;
using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Tests;

public sealed class HistoryCommandTests
{
    // The fake daemon's history holds one event, at the Unix epoch.
    [Fact]
    public async Task Since_a_duration_drops_older_events()
    {
        var runner = new PbmRunner();

        var exit = await runner.RunAsync("process", "history", "web", "--since", "1h", "--json");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal(0, JsonDocument.Parse(runner.Console.Output).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Since_a_time_keeps_later_events()
    {
        var runner = new PbmRunner();

        var exit = await runner.RunAsync("process", "history", "web", "--since", "1969-12-31T00:00:00Z", "--json");

        Assert.Equal(ExitCodes.Ok, exit);
        var entry = Assert.Single(JsonDocument.Parse(runner.Console.Output).RootElement.EnumerateArray().ToList());
        Assert.Equal("started", entry.GetProperty("event").GetString());
    }

    [Fact]
    public async Task An_unreadable_since_is_a_usage_error_that_sends_nothing()
    {
        var runner = new PbmRunner();

        var exit = await runner.RunAsync("process", "history", "web", "--since", "soon");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--since", runner.Console.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("10m", 600)]
    [InlineData("2h", 7200)]
    [InlineData("1d", 86400)]
    public void Durations_count_back_from_now(string since, int seconds)
    {
        var now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(now.AddSeconds(-seconds), History.SinceToTime(since, now));
    }
}
