using System.Diagnostics;
using System.Globalization;
using ProcessManager.Actors.Os;
using ProcessManager.Actors.Os.Logs;
using ProcessManager.Os.Bench;

// dotnet run -c Release --project bench/Os.Bench -- [runs] [name-filter]   (default 5 runs; crash latency uses 10x as many samples)
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
Report.Filter = args.Length > 1 ? args[1] : null;
var home = Directory.CreateTempSubdirectory("pbm-os-bench-").FullName;
Console.WriteLine($"OS layer benchmarks, {runs} runs each, {Environment.ProcessorCount} cores, medians (min..max)");
try
{
    await Report.RunAsync("start 100 sleep (all pids alive)", runs, () => Benchmarks.StartAsync(100));
    await Report.RunAsync("start 100 sleep from 4 threads", runs, () => Benchmarks.StartParallelAsync(100, 4));
    await Report.RunAsync("start 1000 sleep (all pids alive)", runs, () => Benchmarks.StartAsync(1000));
    await Report.RunAsync("stop 100 sleep (SIGTERM, all gone)", runs, () => Benchmarks.StopAsync(100));
    await Report.RunAsync("crash -> new pid", runs * 10, Benchmarks.CrashToNewPidAsync);
    await Report.RunAsync("1M x 100 B lines: writer exit -> all on disk", runs, () => Benchmarks.LogCaptureAsync(home));
    if (Report.Selected("memory"))
    {
        await Benchmarks.MemoryPerChildAsync(home, 1000);
    }
}
finally
{
    Directory.Delete(home, recursive: true);
}
