using System.Globalization;
using ProcessManager.Kernel;
using ProcessManager.Kernel.Bench;

// Usage: dotnet run -c Release --project bench/Kernel.Bench [-- --quick]
var quick = args.Contains("--quick");
var repetitions = quick ? 3 : 5;
var cores = Environment.ProcessorCount;
var roundTrips = quick ? 1_000_000L : 3_000_000L;
var spawnCount = 100_000;
var askCalls = quick ? 50_000 : 200_000;
var inFlight = 100;

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Kernel bench: {cores} cores, {repetitions} runs each (median shown), .NET {Environment.Version}, GC server={System.Runtime.GCSettings.IsServerGC}"));
await using var system = ActorSystem.Create("bench");

// Warm-up: JIT and tiering.
PingPong.Run(system, 1, 200_000, inFlight);
Spawn.Run(system, 10_000);
await AskLatency.RunAsync(system, 20_000, cores);

var pairsMany = Enumerable.Range(0, repetitions).Select(_ => PingPong.Run(system, cores, roundTrips, inFlight)).ToList();
Report($"ping-pong {cores} pairs ({inFlight} in flight/pair)", pairsMany.Select(r => r.PerSecond).ToList(), "msgs/s");
Report($"  same, per CPU-second of this process", pairsMany.Select(r => r.PerCpuSecond).ToList(), "msgs/cpu-s");
var pairsOne = Enumerable.Range(0, repetitions).Select(_ => PingPong.Run(system, 1, roundTrips, inFlight)).ToList();
Report($"ping-pong 1 pair ({inFlight} in flight)", pairsOne.Select(r => r.PerSecond).ToList(), "msgs/s");
Report($"  same, per CPU-second of this process", pairsOne.Select(r => r.PerCpuSecond).ToList(), "msgs/cpu-s");
var pairsOneSerial = Enumerable.Range(0, repetitions).Select(_ => PingPong.Run(system, 1, roundTrips / 10, 1)).ToList();
Report("ping-pong 1 pair (1 in flight)", pairsOneSerial.Select(r => r.PerSecond).ToList(), "msgs/s");
if (args.Contains("--pingpong-only"))
{
    return;
}

var spawns = Enumerable.Range(0, repetitions).Select(_ => Spawn.Run(system, spawnCount)).ToList();
Report($"spawn {spawnCount:N0}: ActorOf calls", spawns.Select(s => s.CreateCallsSeconds).ToList(), "s");
Report($"spawn {spawnCount:N0}: created+started", spawns.Select(s => s.CreatedAndStartedSeconds).ToList(), "s");
Report($"stop {spawnCount:N0}", spawns.Select(s => s.StopSeconds).ToList(), "s");
Report("heap per idle actor", spawns.Select(s => s.BytesPerActor).ToList(), "bytes");

var asks = new List<AskLatency.Result>();
for (var i = 0; i < repetitions; i++)
{
    asks.Add(await AskLatency.RunAsync(system, askCalls, cores * 2));
}

Report("ask p50", asks.Select(a => a.P50Micros).ToList(), "µs");
Report("ask p99", asks.Select(a => a.P99Micros).ToList(), "µs");
Report("ask sequential", asks.Select(a => a.SequentialCallsPerSecond).ToList(), "calls/s");
Report($"ask concurrent ({cores * 2} callers)", asks.Select(a => a.ConcurrentCallsPerSecond).ToList(), "calls/s");

static void Report(string name, List<double> values, string unit)
{
    var sorted = values.Order().ToList();
    var median = sorted[sorted.Count / 2];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-48} median {Format(median),14} {unit,-8} (min {Format(sorted[0])}, max {Format(sorted[^1])})"));
}

static string Format(double value) => value >= 1000 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("0.###", CultureInfo.InvariantCulture);
