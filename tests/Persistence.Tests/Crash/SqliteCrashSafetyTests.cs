using System.Diagnostics;
using ProcessManager.Persistence.CrashWriter;
using ProcessManager.Persistence.Serialization;
using ProcessManager.Persistence.Tests.Tck;

namespace ProcessManager.Persistence.Tests.Crash;

/// <summary>
/// "An event acknowledged to a caller is durable": a child process writes through the SQLite store and
/// prints each acknowledged sequence nr; we SIGKILL it mid-burst and check the file afterwards.
/// </summary>
public sealed class SqliteCrashSafetyTests
{
    private const int Writers = 4;
    private const int AcksBeforeKill = 400;

    [Fact]
    public async Task Every_write_acknowledged_before_SIGKILL_is_stored_whole_and_once()
    {
        await using var fixture = new SqliteStoreFixture();
        var acknowledged = new Dictionary<string, long>();
        using var timeout = new CancellationTokenSource(TestTimeouts.Scaled(TimeSpan.FromSeconds(60)));
        using (var writer = StartWriter(fixture.Settings.SqlitePath))
        {
            try
            {
                Assert.Equal("ready", await writer.StandardOutput.ReadLineAsync(timeout.Token));
                var count = 0;
                while (count < AcksBeforeKill && await writer.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
                {
                    Record(acknowledged, line);
                    count++;
                }

                Assert.Equal(AcksBeforeKill, count);
                writer.Kill(entireProcessTree: true); // SIGKILL: no flush, no dispose, no finally.
                await writer.WaitForExitAsync(timeout.Token);

                // Lines already in the pipe were acknowledged before the kill, too.
                while (await writer.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
                {
                    Record(acknowledged, line);
                }
            }
            finally
            {
                if (!writer.HasExited)
                {
                    writer.Kill(entireProcessTree: true);
                    await writer.WaitForExitAsync(CancellationToken.None);
                }
            }
        }

        var serializer = new EventSerializer().Register(CrashEvent.Manifest, CrashWriterJsonContext.Default.CrashEvent);
        await using var store = await fixture.OpenAsync(serializer);
        Assert.Equal(Writers, acknowledged.Count);
        foreach (var (id, lastAcknowledged) in acknowledged)
        {
            var stored = new List<long>();
            await foreach (var e in store.ReadEventsAsync(id, 1, long.MaxValue, long.MaxValue, timeout.Token))
            {
                Assert.True(((CrashEvent)e.Payload).IsIntact(id, e.SequenceNr), $"'{id}' #{e.SequenceNr} is torn");
                stored.Add(e.SequenceNr);
            }

            // Contiguous from 1 (nothing lost, nothing twice), and at least up to the last acknowledged nr.
            Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored);
            Assert.True(stored.Count >= lastAcknowledged, $"'{id}': acknowledged #{lastAcknowledged} but only {stored.Count} stored");
        }
    }

    private static void Record(Dictionary<string, long> acknowledged, string line)
    {
        var parts = line.Split(' ');
        Assert.True(parts.Length == 2 && long.TryParse(parts[1], out _), $"unexpected writer output '{line}'");
        var seq = long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        acknowledged[parts[0]] = Math.Max(acknowledged.GetValueOrDefault(parts[0]), seq);
    }

    private static Process StartWriter(string databasePath)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ProcessManager.Persistence.CrashWriter.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "exec", dll, databasePath, Writers.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start the crash writer");
    }
}
