using System.Diagnostics;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using ProcessManager.Persistence.Configuration;
using ProcessManager.Persistence.CrashWriter;
using ProcessManager.Persistence.Tests.Targets;

namespace ProcessManager.Persistence.Tests.Crash;

/// <summary>
/// "An event acknowledged to a caller is durable": a child process runs persistent actors on the group-commit
/// journal (SQLite) and prints each acknowledged sequence nr; we SIGKILL it mid-burst and read the file back
/// through the plugin afterwards.
/// </summary>
public sealed class SqliteCrashSafetyTests
{
    private const int Writers = 4;
    private const int AcksBeforeKill = 400;

    [Fact]
    public async Task Every_write_acknowledged_before_SIGKILL_is_stored_whole_and_once()
    {
        using var target = SqliteTarget.Create(PersistencePluginKind.GroupCommit);
        var acknowledged = new Dictionary<string, long>();
        using var timeout = new CancellationTokenSource(TestTimeouts.Scaled(TimeSpan.FromSeconds(60)));
        using (var writer = StartWriter(target.DatabasePath))
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

        var system = ActorSystem.Create("crash-reader", target.Config);
        try
        {
            var query = PersistenceQuery.Get(system).ReadJournalFor<ICurrentEventsByPersistenceIdQuery>(PersistencePlugins.ReadJournalId(target.Settings));
            Assert.Equal(Writers, acknowledged.Count);
            foreach (var (id, lastAcknowledged) in acknowledged)
            {
                var events = await query.CurrentEventsByPersistenceId(id, 0, long.MaxValue)
                    .RunWith(Sink.Seq<EventEnvelope>(), system.Materializer())
                    .WaitAsync(timeout.Token);
                Assert.All(events, e => Assert.True(((CrashEvent)e.Event).IsIntact(id, e.SequenceNr), $"'{id}' #{e.SequenceNr} is torn"));
                var stored = events.Select(e => e.SequenceNr).ToList();

                // Contiguous from 1 (nothing lost, nothing twice), and at least up to the last acknowledged nr.
                Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored);
                Assert.True(stored.Count >= lastAcknowledged, $"'{id}': acknowledged #{lastAcknowledged} but only {stored.Count} stored");
            }
        }
        finally
        {
            await system.Terminate();
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
