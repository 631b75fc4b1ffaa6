using System.Diagnostics;
using System.Text.Json;

namespace ProcessManager.EndToEnd.Tests;

/// <summary>
/// <c>pbm process events</c> as a user runs it: open the stream, start a program, see its "running" line with the pid
/// the list reports, then Ctrl-C (SIGINT) ends pbm with 0.
/// </summary>
internal static class EventStream
{
    public static async Task ShowsAStartedProgramAndStopsOnCtrlCAsync(PbmHome home, string name)
    {
        using var events = Process.Start(home.StartInfo(home.Pbm, ["process", "events", name]))!;
        try
        {
            using var timeout = new CancellationTokenSource(Built.Scaled(30));
            await AwaitSubscriptionAsync(home, events);
            (await home.PbmAsync("process", "start", name, "--", "sleep", "300")).ShouldSucceed();

            string? running = null;
            var seen = new List<string>();
            while (running is null)
            {
                var line = await events.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new Xunit.Sdk.XunitException($"pbm process events ended early; lines: {string.Join(" | ", seen)}; stderr: {await events.StandardError.ReadToEndAsync(timeout.Token)}");
                seen.Add(line);
                running = line.Contains("→ running", StringComparison.Ordinal) ? line : null;
            }

            Signals.Send(events.Id, Signals.SigInt);
            await events.WaitForExitAsync(timeout.Token);

            var listed = PbmHome.Find(await home.ListAsync(), name);
            Assert.Equal("running", listed.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Number, listed.GetProperty("pid").ValueKind);
            Assert.Contains($" {name}-0 ", running, StringComparison.Ordinal);
            Assert.Contains($"pid {listed.GetProperty("pid").GetInt32()}", running, StringComparison.Ordinal);
            Assert.Contains(events.ExitCode, new[] { 0, 130 });
            Assert.DoesNotContain("Exception", await events.StandardError.ReadToEndAsync(timeout.Token), StringComparison.Ordinal);
        }
        finally
        {
            if (!events.HasExited)
            {
                events.Kill();
            }
        }
    }

    /// <summary>
    /// Waits until the daemon counts the stream's subscription (stats memory: events/subscriptions), so the start that
    /// follows cannot race the subscription. The API has no "wait until subscribed" call; this polls it.
    /// </summary>
    private static async Task AwaitSubscriptionAsync(PbmHome home, Process events)
    {
        var deadline = DateTime.UtcNow + Built.Scaled(20);
        while (true)
        {
            var stats = (await home.PbmAsync("stats", "memory", "--json")).ShouldSucceed();
            var subscriptions = JsonDocument.Parse(stats.Output).RootElement.GetProperty("buffers").EnumerateArray()
                .Where(b => b.GetProperty("subsystem").GetString() == "events" && b.GetProperty("name").GetString() == "subscriptions")
                .Select(b => b.GetProperty("used").GetInt64())
                .FirstOrDefault();
            if (subscriptions >= 1)
            {
                return;
            }

            if (events.HasExited || DateTime.UtcNow > deadline)
            {
                Assert.Fail($"the events stream never subscribed (pbm exited: {events.HasExited})");
            }
        }
    }
}
