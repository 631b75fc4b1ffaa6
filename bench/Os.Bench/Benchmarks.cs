using System.Diagnostics;
using System.Globalization;
using ProcessManager.Actors.Os;
using ProcessManager.Actors.Os.Logs;

namespace ProcessManager.Os.Bench;

internal static class Benchmarks
{
    private static readonly string TestProgram = Path.Combine(AppContext.BaseDirectory, "ProcessManager.TestProgram");
    private static readonly SpawnRequest Sleep = new(["sleep", "3600"]);

    /// <summary>Time from the first spawn until every pid is alive (checked in /proc).</summary>
    public static async Task<TimeSpan> StartAsync(int count)
    {
        var children = new List<ChildProcess>(count);
        try
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                children.Add(await ProcessSpawner.SpawnAsync(Sleep));
            }
            foreach (var child in children)
            {
                if (!ProcessIdentity.IsAlive(child.Pid, child.StartTimeTicks))
                {
                    throw new InvalidOperationException($"pid {child.Pid} is not alive");
                }
            }
            return watch.Elapsed;
        }
        finally
        {
            await KillAllAsync(children);
        }
    }

    /// <summary>As <see cref="StartAsync"/>, spawning from several threads at once (as actors on a thread pool would).</summary>
    public static Task<TimeSpan> StartParallelAsync(int count, int threads)
    {
        var children = new ChildProcess[count];
        try
        {
            var watch = Stopwatch.StartNew();
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i => children[i] = ProcessSpawner.Spawn(Sleep));
            foreach (var child in children)
            {
                if (!ProcessIdentity.IsAlive(child.Pid, child.StartTimeTicks))
                {
                    throw new InvalidOperationException($"pid {child.Pid} is not alive");
                }
            }
            return Task.FromResult(watch.Elapsed);
        }
        finally
        {
            KillAllAsync(children.Where(c => c is not null)).GetAwaiter().GetResult();
        }
    }

    /// <summary>Time from asking every program to stop until every one has exited and been reaped.</summary>
    public static async Task<TimeSpan> StopAsync(int count)
    {
        var children = new List<ChildProcess>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                children.Add(ProcessSpawner.Spawn(Sleep));
            }
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(children.Select(c => c.StopAsync(Signals.SIGTERM, TimeSpan.FromSeconds(5))));
            return watch.Elapsed;
        }
        finally
        {
            await KillAllAsync(children);
        }
    }

    /// <summary>SIGKILL a program, then: exit observed (pidfd) -> respawn -> new pid.</summary>
    public static async Task<TimeSpan> CrashToNewPidAsync()
    {
        var first = ProcessSpawner.Spawn(Sleep);
        ChildProcess? second = null;
        try
        {
            var watch = Stopwatch.StartNew();
            first.SignalGroup(Signals.SIGKILL);
            await first.Exited;
            second = await ProcessSpawner.SpawnAsync(Sleep);
            var elapsed = watch.Elapsed;
            return second.Pid > 0 ? elapsed : throw new InvalidOperationException("no pid");
        }
        finally
        {
            await KillAllAsync(second is null ? [first] : [first, second]);
        }
    }

    /// <summary>A program writes 1,000,000 lines of 100 bytes; time from its exit until the file holds every line.</summary>
    public static async Task<TimeSpan> LogCaptureAsync(string home)
    {
        const int Lines = 1_000_000;
        var dir = Path.Combine(home, "logs");
        var name = "writer" + Guid.NewGuid().ToString("N")[..8];
        var log = new ProcessLog(dir, name, 0, new LogSettings { MaxSize = 200_000_000, TotalCap = 400_000_000 });
        await using (log)
        {
            var child = ProcessSpawner.Spawn(new SpawnRequest([TestProgram, "--stdout-lines", Lines.ToString(CultureInfo.InvariantCulture), "--line-size", "100"]), log);
            using (child)
            {
                await child.Exited;
                var watch = Stopwatch.StartNew();
                await child.OutputCompleted;
                await log.FlushAsync();
                var elapsed = watch.Elapsed;
                var length = new FileInfo(log.StdoutPath).Length;
                if (length != Lines * 100L || log.DroppedLines != 0)
                {
                    throw new InvalidOperationException($"lost lines: file has {length} bytes, {log.DroppedLines} dropped");
                }
                File.Delete(log.StdoutPath);
                File.Delete(log.StderrPath);
                return elapsed;
            }
        }
    }

    /// <summary>Daemon-side memory per managed program: ChildProcess + ProcessLog (+ the pump/watch registrations).</summary>
    public static async Task MemoryPerChildAsync(string home, int count)
    {
        var dir = Path.Combine(home, "mem");
        var logs = new List<ProcessLog>(count);
        var children = new List<ChildProcess>(count);
        try
        {
            var managedBefore = GC.GetTotalMemory(forceFullCollection: true);
            for (var i = 0; i < count; i++)
            {
                var log = new ProcessLog(dir, "app", i);
                logs.Add(log);
                children.Add(ProcessSpawner.Spawn(Sleep, log));
            }
            var managedAfter = GC.GetTotalMemory(forceFullCollection: true);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{"memory per managed program (" + count + " sleep)",-48} {(managedAfter - managedBefore) / (double)count / 1024,10:0.00} KB managed heap (no native memory is held per program)"));
        }
        finally
        {
            await KillAllAsync(children);
            foreach (var log in logs)
            {
                await log.DisposeAsync();
            }
        }
    }

    private static async Task KillAllAsync(IEnumerable<ChildProcess> children)
    {
        var list = children.ToList();
        foreach (var child in list)
        {
            child.SignalGroup(Signals.SIGKILL);
        }
        await Task.WhenAll(list.Select(c => c.Exited));
    }
}
