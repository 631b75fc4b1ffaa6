// Whole-system timings of the process supervisor with real programs (not a micro-benchmark):
//   start N `sleep 3600` until all running, stop them all, crash → new pid with the smallest backoff,
//   and daemon memory per managed program.
// Usage: dotnet run -c Release --project bench/Processes.Bench -- [programs=100] [rounds=5] [memory-programs=1000] [journal=sqlite|memory]
//   journal=sqlite (the default, as the daemon runs): every event in a SQLite file through the group-commit
//   Akka.Persistence plugin; replies wait for the durable write. journal=memory: Akka's in-memory journal.
//   PBM_LATENCY_TRACE=1 adds a breakdown of where the start and restart time goes.
using System.Diagnostics;
using System.Globalization;
using ProcessManager.Actors.Os.Diagnostics;
using ProcessManager.Actors.Processes;
using Akka.Actor;
using Akka.Configuration;
using ProcessManager.Actors.Processes.Events;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Persistence.Configuration;

var programs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var memoryPrograms = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000;
var journalKind = args.Length > 3 ? args[3] : "sqlite";
var home = Directory.CreateTempSubdirectory("pbm-processes-bench-").FullName;
var settings = ProcessSupervisorSettings.Default with { LogDirectory = Path.Combine(home, "logs"), MetricsInterval = TimeSpan.FromSeconds(5) };
var timeout = TimeSpan.FromMinutes(5);

var journal = journalKind == "sqlite"
    ? PersistencePlugins.Config(new PbmPersistenceSettings { SqlitePath = Path.Combine(home, "pbm.db") })
    : ConfigurationFactory.ParseString("""
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """);
using var system = ActorSystem.Create("bench", ConfigurationFactory.ParseString("akka.loglevel = WARNING").WithFallback(journal).WithFallback(ProcessEventSerializer.Configuration));
var supervisor = system.ActorOf(ProcessSupervisor.Props(settings), ProcessSupervisor.ActorName);
var sleeper = new ProcessSpec { Name = "sleeper", Argv = ["sleep", "3600"], Instances = programs };

var startTrace = new LatencyBreakdown($"start {programs}");
var crashTrace = new LatencyBreakdown("crash -> new pid, from the exit watcher seeing the exit");
var starts = new List<double>();
var rawStarts = new List<double>();
var stops = new List<double>();
for (var round = 0; round < rounds; round++)
{
    rawStarts.Add(await RawSpawnFloor.MeasureAsync(programs));
    LatencyTrace.Drain();
    LatencyTrace.Mark(LatencyStage.SupervisorCommand, -1);
    var watch = Stopwatch.StartNew();
    var started = await supervisor.Ask<ProcessCommandCompleted>(round == 0 ? new StartProcess(sleeper) : new StartDeclaredProcess("sleeper"), timeout);
    starts.Add(watch.Elapsed.TotalMilliseconds);
    startTrace.AddStart(LatencyTrace.Drain());
    Check(started.Instances.All(i => i.State == ProcessState.Running), "all running");

    watch.Restart();
    var stopped = await supervisor.Ask<ProcessCommandCompleted>(new StopProcess("sleeper"), timeout);
    stops.Add(watch.Elapsed.TotalMilliseconds);
    Check(stopped.Instances.All(i => i.State == ProcessState.Stopped), "all stopped");
}

await supervisor.Ask<ProcessDeleted>(new DeleteProcess("sleeper"), timeout);

// Crash to new pid: the program exits at once; measure from its pid to the next pid with backoff.min = 0.
var crashes = new List<double>();
var events = new PidWatch();
var watcher = system.ActorOf(Props.Create(() => new PidWatchActor(events)));
system.EventStream.Subscribe(watcher, typeof(ProcessStateChanged));
var crasher = new ProcessSpec
{
    Name = "crasher",
    Argv = ["sleep", "0.05"],
    Backoff = new BackoffSettings(TimeSpan.Zero, TimeSpan.Zero, 0, TimeSpan.FromMinutes(1)),
    CrashLoop = new CrashLoopSettings(10_000, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)),
};
LatencyTrace.Drain();
await supervisor.Ask<ProcessCommandCompleted>(new StartProcess(crasher), timeout);
for (var i = 0; i < rounds * 4; i++)
{
    crashes.Add((await events.NextRestartAsync(timeout)).TotalMilliseconds);
}

crashTrace.AddCrashes(LatencyTrace.Drain());
await supervisor.Ask<ProcessDeleted>(new DeleteProcess("crasher"), timeout);

// Daemon memory per managed program.
GC.Collect();
GC.WaitForPendingFinalizers();
GC.Collect();
var before = GC.GetTotalMemory(forceFullCollection: true);
var many = sleeper with { Name = "many", Instances = memoryPrograms, Logs = sleeper.Logs with { TailLines = 100 } };
await supervisor.Ask<ProcessCommandCompleted>(new StartProcess(many), timeout);
GC.Collect();
GC.WaitForPendingFinalizers();
GC.Collect();
var after = GC.GetTotalMemory(forceFullCollection: true);
await supervisor.Ask<ProcessCommandCompleted>(new StopProcess("many"), timeout);

Console.WriteLine($"journal: {journalKind}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"start {programs} sleep 3600 until all running: median {Median(starts):0.0} ms (rounds {rounds})"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  floor: {programs} bare posix_spawns, same threads: median {Median(rawStarts):0.0} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stop {programs}:                              median {Median(stops):0.0} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"crash to new pid (backoff 0):          median {Median(crashes):0.00} ms over {crashes.Count}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"managed heap per program ({memoryPrograms}):      {(after - before) / (double)memoryPrograms / 1024:0.0} KiB"));
if (LatencyTrace.Enabled)
{
    startTrace.Print();
    crashTrace.Print();
}

await system.Terminate();
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
Directory.Delete(home, recursive: true);

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
}

static void Check(bool condition, string what)
{
    if (!condition)
    {
        throw new InvalidOperationException("benchmark invariant failed: " + what);
    }
}

/// <summary>
/// Time from an exit (backing-off) to the next running pid, by the instant each state change was published
/// (ProcessStateChanged.At), not by when this watcher got to read it.
/// </summary>
internal sealed class PidWatch
{
    private readonly System.Threading.Channels.Channel<TimeSpan> _restarts = System.Threading.Channels.Channel.CreateUnbounded<TimeSpan>();
    private DateTimeOffset? _exitedAt;

    public void On(ProcessStateChanged changed)
    {
        if (changed.Status.Name != "crasher")
        {
            return;
        }

        if (changed.State == ProcessState.BackingOff)
        {
            _exitedAt = changed.At;
        }
        else if (changed.State == ProcessState.Running && _exitedAt is { } exitedAt)
        {
            _restarts.Writer.TryWrite(changed.At - exitedAt);
            _exitedAt = null;
        }
    }

    public async Task<TimeSpan> NextRestartAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        return await _restarts.Reader.ReadAsync(cancel.Token);
    }
}

internal sealed class PidWatchActor : ReceiveActor
{
    public PidWatchActor(PidWatch watch) => Receive<ProcessStateChanged>(watch.On);
}
