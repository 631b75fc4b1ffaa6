using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.TestKit;
using ProcessManager.Actors.Processes;
using ProcessManager.Actors.Processes.Protocol;
using Xunit;

namespace ProcessManager.Actors.Tests.Processes.Actors;

/// <summary>
/// An actor system per test (Akka's TestKit) whose journal is a SQLite file in a temp PBM_HOME, a probe on
/// ProcessStateChanged, and a safety net that SIGKILLs every process group a test started (seen in the events),
/// even when the test failed.
/// </summary>
public abstract partial class ProcessSupervisorTestBase : Akka.TestKit.Xunit.TestKit
{
    private static readonly double TimeFactor =
        double.TryParse(Environment.GetEnvironmentVariable("PBM_TEST_TIME_FACTOR"), NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) && factor > 0 ? factor : 1;

    private readonly ConcurrentDictionary<int, bool> _pids = new();

    protected ProcessSupervisorTestBase()
        : this(new TempDirectory())
    {
    }

    private ProcessSupervisorTestBase(TempDirectory home)
        : base(TestPersistence.For(home.File("pbm.db")), "pbm-test")
    {
        Home = home;
        Events = CreateTestProbe("events");
        Sys.EventStream.Subscribe(Events.Ref, typeof(ProcessStateChanged));
        WatchPids(Sys);
    }

    /// <summary>Generous upper bound for anything a test waits for.</summary>
    protected static TimeSpan Patience => TimeSpan.FromSeconds(30 * TimeFactor);

    protected static string TestProgram { get; } = Path.Combine(AppContext.BaseDirectory, "ProcessManager.TestProgram");

    protected TempDirectory Home { get; }

    protected TestProbe Events { get; }

    /// <summary>The configuration of this test's actor system, for a second system on the same journal (a daemon restart).</summary>
    protected Config DaemonConfig => Sys.Settings.Config;

    protected ProcessSupervisorSettings Settings => new(
        Home.File("logs"), TimeSpan.FromMilliseconds(200), 50, TimeSpan.FromSeconds(30 * TimeFactor))
    {
        ReadJournalId = TestPersistence.ReadJournalId,
    };

    protected IActorRef StartSupervisor(ActorSystem? system = null) =>
        (system ?? Sys).ActorOf(ProcessSupervisor.Props(Settings), ProcessSupervisor.ActorName);

    protected IActorRef StartSupervisor(ProcessSupervisorSettings settings) =>
        Sys.ActorOf(ProcessSupervisor.Props(settings), ProcessSupervisor.ActorName);

    /// <summary>Another actor system on this test's journal; its events reach <see cref="Events"/>, its programs are killed at the end like the test's own.</summary>
    protected ActorSystem StartDaemon(string name)
    {
        var system = ActorSystem.Create(name, DaemonConfig);
        system.EventStream.Subscribe(Events.Ref, typeof(ProcessStateChanged));
        WatchPids(system);
        return system;
    }

    protected static ProcessSpec Spec(string name, params string[] argv) => new()
    {
        Name = name,
        Argv = argv,
        Stop = new StopSettings(SignalNames.SIGTERM, TimeSpan.FromSeconds(5)),
        Backoff = new BackoffSettings(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200), 0, TimeSpan.FromSeconds(30)),
    };

    /// <summary>Sends a command and returns the reply, failing the test if it is not a <typeparamref name="T"/>.</summary>
    protected static T Command<T>(IActorRef supervisor, object command)
    {
        var reply = supervisor.Ask<object>(command, Patience, TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        return reply is T typed ? typed : throw new Xunit.Sdk.XunitException($"expected {typeof(T).Name} but got {reply}");
    }

    /// <summary>The events of one journal stream, oldest first, read back through the read journal.</summary>
    protected async Task<IReadOnlyList<object>> JournalEventsAsync(string persistenceId)
    {
        var journal = (ICurrentEventsByPersistenceIdQuery)PersistenceQuery.Get(Sys).ReadJournalFor<IReadJournal>(TestPersistence.ReadJournalId);
        var envelopes = await journal.CurrentEventsByPersistenceId(persistenceId, 0, long.MaxValue).RunWith(Sink.Seq<EventEnvelope>(), Sys.Materializer());
        return [.. envelopes.Select(envelope => envelope.Event)];
    }

    /// <summary>Waits for the instance to reach the state (events before it are skipped).</summary>
    protected ProcessStateChanged ExpectState(string fullName, ProcessState state, Predicate<ProcessStateChanged>? and = null) =>
        Events.FishForMessage<ProcessStateChanged>(e => e.FullName == fullName && e.State == state && (and is null || and(e)), Patience, cancellationToken: TestContext.Current.CancellationToken);

    protected static bool IsAlive(int pid) => kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() == 1; // EPERM: alive, not ours

    /// <summary>Pids of every live process whose session is <paramref name="sessionId"/> (the program and its children).</summary>
    protected static IReadOnlyList<int> SessionMembers(int sessionId)
    {
        var members = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[0] != "Z" && int.Parse(fields[3], CultureInfo.InvariantCulture) == sessionId)
                {
                    members.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process went away while we looked.
            }
        }

        return members;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            foreach (var pid in _pids.Keys)
            {
                _ = kill(-pid, 9);
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Home.Dispose();
        }
    }

    private void WatchPids(ActorSystem system)
    {
        var tracker = system.ActorOf(Props.Create(() => new PidTracker(_pids)), "pid-tracker");
        system.EventStream.Subscribe(tracker, typeof(ProcessStateChanged));
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);

    private sealed class PidTracker : ReceiveActor
    {
        public PidTracker(ConcurrentDictionary<int, bool> pids)
        {
            Receive<ProcessStateChanged>(changed =>
            {
                if (changed.Status.Pid is { } pid)
                {
                    pids[pid] = true;
                }
            });
        }
    }
}
