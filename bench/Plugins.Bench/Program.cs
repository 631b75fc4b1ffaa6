using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProcessManager.Actors.Os.Diagnostics;
using ProcessManager.Actors.Plugins.Messages;
using ProcessManager.Contracts.Client;
using ProcessManager.Contracts.Dtos;
using ProcessManager.Host.Api;
using ProcessManager.Host.Hosting;
using ProcessManager.Plugins.Bench;

// Plugin figures against an in-process daemon (journal, API on its Unix socket) with real workers:
//   PBM_LATENCY_TRACE=1 dotnet run -c Release --project bench/Plugins.Bench -- [load-runs] [invokes] [cycles] [warm-up cycles] [pbm invokes]
// Defaults: 20 loads per worker kind, 2000 API invokes, 1000 load/unload cycles after 1000 of warm-up, 200 pbm invokes;
// medians (and p90/p99) printed. Workers: python3 as found in PATH (here it may be a pyenv shim: a bash script that
// runs pyenv, which then runs the interpreter), the interpreter itself (sys.executable) with and without -I -S, and
// a native worker (worker.c, built with cc when there is one). The daemon caps malloc arenas at 2 as pbmd does.
// watch-debounce is pbm's default, 300ms, unless PBM_BENCH_DEBOUNCE says otherwise (a removal waits for it, so the
// load/unload cycles run faster with 10ms; a manifest closed after writing is read at once either way).
//   - manifest -> first worker ready: the worker's files then plugin.conf are written until
//     the pool reports an idle worker (hello answered), polled every 1 ms; each kind runs twice first, so "warm" =
//     its files are in the page cache; with PBM_LATENCY_TRACE=1 the stages are printed too;
//   - invoke round trip through the API: POST /v1/plugins/NAME/invoke over the Unix socket, echo of {"n": i};
//   - invoke round trip through pbm: `pbm plugin invoke echo --method echo --json-input -` (the Native AOT pbm of
//     `dotnet publish -c Release src/Cli`, or PBM_BENCH_CLI), wall time from Process.Start to its exit;
//   - memory over load/unload cycles: a plugin folder is written, loaded (worker ready), removed, unloaded; the
//     daemon's managed heap after a full GC, RSS, malloc's in-use and free bytes and threads are read after the
//     warm-up, every 250 cycles, and at the end; and after malloc_trim(0) at both ends (RSS without the free memory
//     glibc keeps: what is retained).
// Run the memory part alone, faster: PBM_BENCH_DEBOUNCE=10ms dotnet run -c Release --project bench/Plugins.Bench -- 0 0 1000 1000 0
var loadRuns = Arg(0, 20);
var invokes = Arg(1, 2000);
var cycles = Arg(2, 1000);
var warmupCycles = Arg(3, 1000);
var cliInvokes = Arg(4, 200);
var debounce = Environment.GetEnvironmentVariable("PBM_BENCH_DEBOUNCE") is { Length: > 0 } given ? given : "300ms";

var arenasCapped = MallocArenas.Limit(MallocArenas.DaemonDefault);
Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}; {Environment.ProcessorCount} cores; malloc arenas capped: {arenasCapped}; latency trace: {LatencyTrace.Enabled}; watch-debounce {debounce}");
var home = Directory.CreateTempSubdirectory("pbm-plugins-bench-").FullName;
try
{
    var kinds = WorkerKinds(home);
    var config = Path.Combine(home, "daemon.conf");
    // Absolute commands: the interpreter row names sys.executable.
    await File.WriteAllTextAsync(config, $"pbm.plugins.watch-debounce = {debounce}\npbm.plugins.allow-absolute-commands = true\npbm.observability.sample-interval = 1h\n");
    var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
    builder.Logging.SetMinimumLevel(LogLevel.Error);
    builder.Services.AddProcessManager(pm =>
    {
        pm.Options.PbmHome = home;
        pm.Options.ConfigFile = config;
        pm.Options.Api = new ApiSettings();
    });
    using var host = builder.Build();
    await host.StartAsync();
    var ready = await host.Services.GetRequiredService<ProcessManagerReadiness>().Ready;
    var plugins = await host.Services.GetRequiredService<ActorRegistry>().GetAsync<PluginHostKey>();
    var client = new PbmApiClient(PbmEndpoint.Unix(ready.SocketPath));
    var folders = new PluginFolders(Path.Combine(home, "plugins"));

    // Manifest written -> first worker ready, per worker kind.
    var run = 0;
    foreach (var kind in kinds)
    {
        var loaded = new List<double>();
        var loads = new List<double>();
        var breakdown = new LoadBreakdown();
        for (var i = 0; i < loadRuns + 2; i++)
        {
            var name = "load" + (run++).ToString(CultureInfo.InvariantCulture);
            LatencyTrace.Drain();
            var started = Stopwatch.GetTimestamp();
            folders.Install(name, kind);
            await AwaitLoadedAsync(plugins, name);
            var found = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            await AwaitReadyAsync(plugins, name);
            var total = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (i >= 2)
            {
                loaded.Add(found);
                loads.Add(total);
                breakdown.Add(started, LatencyTrace.Drain());
            }

            folders.Remove(name);
            await AwaitGoneAsync(plugins, name);
        }

        Console.WriteLine($"[{kind.Title}] command = [{kind.Command}]");
        Stats.Report($"   manifest written -> plugin loaded, {loadRuns} runs", loaded);
        Stats.Report($"   manifest written -> first worker ready, {loadRuns} runs", loads);
        breakdown.Print(kind.Title);
    }

    Console.WriteLine($"exec -> exit of the bare command (no daemon: `COMMAND -c pass` or the native worker at end of file), {loadRuns} runs after 2:");
    foreach (var kind in kinds)
    {
        Stats.Report($"   [{kind.Title}]", BareStarts(kind, home, loadRuns));
    }

    // Invoke round trip through the API on a warm worker.
    var echoKind = kinds[^1];
    folders.Install("echo", echoKind);
    await AwaitReadyAsync(plugins, "echo");
    var invokeTimes = new List<double>();
    for (var i = 0; i < invokes + 100; i++)
    {
        using var input = JsonDocument.Parse($$"""{"n":{{i}}}""");
        var started = Stopwatch.GetTimestamp();
        var result = await client.InvokePluginAsync("echo", new PluginInvokeRequest("echo", input.RootElement));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (result.Result.GetProperty("n").GetInt32() != i)
        {
            throw new InvalidOperationException($"echo answered {result.Result} to {i}");
        }

        if (i >= 100)
        {
            invokeTimes.Add(elapsed);
        }
    }

    Stats.Report($"invoke round trip through the API (Unix socket, {echoKind.Title} echo), {invokes} calls", invokeTimes);

    // Invoke round trip through the whole CLI.
    if (CliPath() is { } pbm)
    {
        var cliTimes = new List<double>();
        for (var i = 0; i < cliInvokes + 10; i++)
        {
            var elapsed = await InvokeThroughCliAsync(pbm, ready.SocketPath, i);
            if (i >= 10)
            {
                cliTimes.Add(elapsed);
            }
        }

        Stats.Report($"invoke round trip through pbm ({pbm} plugin invoke echo --method echo --json-input -, {echoKind.Title} echo), {cliInvokes} runs", cliTimes);
    }
    else
    {
        Console.WriteLine("invoke round trip through pbm: skipped, no Native AOT pbm (dotnet publish -c Release src/Cli, or set PBM_BENCH_CLI)");
    }

    folders.Remove("echo");
    await AwaitGoneAsync(plugins, "echo");

    // Memory over load/unload cycles.
    MemoryReading before = default;
    MemoryReading beforeTrimmed = default;
    var cycleTimer = Stopwatch.StartNew();
    for (var i = 1; i <= warmupCycles + cycles; i++)
    {
        folders.Install("cycle", echoKind);
        await AwaitReadyAsync(plugins, "cycle");
        folders.Remove("cycle");
        await AwaitGoneAsync(plugins, "cycle");
        if (i == warmupCycles)
        {
            before = Memory.Measure();
            Console.WriteLine($"memory after {warmupCycles} warm-up load/unload cycles ({echoKind.Title} worker): {before.Describe(before)}");
            Memory.Trim();
            beforeTrimmed = Memory.Measure();
            Console.WriteLine($"   after malloc_trim(0): {beforeTrimmed.Describe(beforeTrimmed)}");
        }
        else if (i > warmupCycles && (i - warmupCycles) % 250 == 0)
        {
            var now = Memory.Measure();
            Console.WriteLine($"   +{i - warmupCycles} cycles ({cycleTimer.Elapsed.TotalSeconds:0} s): {now.Describe(before)}");
        }
    }

    var after = Memory.Measure();
    Console.WriteLine($"memory over {cycles} load/unload cycles after {warmupCycles} of warm-up: {after.Describe(before)}");
    Memory.Trim();
    Console.WriteLine($"   after malloc_trim(0), against the trimmed reading after the warm-up: {Memory.Measure().Describe(beforeTrimmed)}");
    Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
    await host.StopAsync();
}
finally
{
    Directory.Delete(home, recursive: true);
}

static int Arg(int index, int fallback)
{
    var args = Environment.GetCommandLineArgs().Skip(1).ToArray();
    return args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
}

// The kinds of worker measured; the last one serves the invoke and memory figures.
static List<WorkerKind> WorkerKinds(string home)
{
    var python = Encoding.UTF8.GetBytes(PluginFolders.PythonWorker);
    var kinds = new List<WorkerKind> { new("python3 from PATH", "python3, worker.py", [("worker.py", python, false)]) };
    if (Run("python3", "-c", "import sys; print(sys.executable)") is { Length: > 0 } interpreter)
    {
        kinds.Add(new("python interpreter", $"\"{interpreter}\", worker.py", [("worker.py", python, false)]));
        kinds.Add(new("python interpreter -I -S", $"\"{interpreter}\", -I, -S, worker.py", [("worker.py", python, false)]));
    }
    var source = Path.Combine(AppContext.BaseDirectory, "worker.c");
    var native = Path.Combine(home, "worker");
    if (Run("cc", "-O2", "-o", native, source) is not null && File.Exists(native))
    {
        kinds.Add(new("native (C)", "\"./worker\"", [("worker", File.ReadAllBytes(native), true)]));
    }
    else
    {
        Console.WriteLine("native worker: skipped (no cc)");
    }
    return kinds;
}

// Runs a program to its end; its stdout trimmed, or null when it cannot start or fails.
static string? Run(string program, params string[] arguments)
{
    try
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : null;
    }
    catch (System.ComponentModel.Win32Exception)
    {
        return null;
    }
}

// The command alone, outside the daemon: what starting the interpreter (or program) costs by itself.
static List<double> BareStarts(WorkerKind kind, string home, int runs)
{
    var folder = Path.Combine(home, "bare");
    Directory.CreateDirectory(folder);
    foreach (var (file, bytes, executable) in kind.Files)
    {
        File.WriteAllBytes(Path.Combine(folder, file), bytes);
        if (executable)
        {
            File.SetUnixFileMode(Path.Combine(folder, file), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
    var argv = kind.Command.Split(", ").Select(a => a.Trim('"')).ToList();
    if (argv[0].StartsWith("./", StringComparison.Ordinal))
    {
        argv[0] = Path.Combine(folder, argv[0]);
    }
    if (argv[^1] == "worker.py")
    {
        argv[^1] = "-c";
        argv.Add("import json, struct, sys");
    }
    var times = new List<double>();
    for (var i = 0; i < runs + 2; i++)
    {
        var info = new ProcessStartInfo(argv[0]) { WorkingDirectory = folder, RedirectStandardInput = true };
        foreach (var argument in argv.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        process.WaitForExit();
        if (i >= 2)
        {
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
    Directory.Delete(folder, recursive: true);
    return times;
}

// The Native AOT pbm: PBM_BENCH_CLI, else src/Cli's publish folder in this checkout.
static string? CliPath()
{
    if (Environment.GetEnvironmentVariable("PBM_BENCH_CLI") is { Length: > 0 } given)
    {
        return File.Exists(given) ? given : null;
    }
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "ProcessManager.sln")))
        {
            var pbm = Path.Combine(folder.FullName, "src/Cli/bin/Release/net10.0/linux-x64/publish/pbm");
            return File.Exists(pbm) ? pbm : null;
        }
    }
    return null;
}

static async Task<double> InvokeThroughCliAsync(string pbm, string socket, int n)
{
    var info = new ProcessStartInfo(pbm) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var argument in new[] { "plugin", "invoke", "echo", "--method", "echo", "--json-input", "-" })
    {
        info.ArgumentList.Add(argument);
    }
    info.Environment["PBM_HOST"] = "unix:" + socket;
    var started = Stopwatch.GetTimestamp();
    using var process = Process.Start(info)!;
    await process.StandardInput.WriteAsync($$"""{"n":{{n}}}""");
    process.StandardInput.Close();
    var output = await process.StandardOutput.ReadToEndAsync();
    var error = await process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    if (process.ExitCode != 0 || !output.Contains($"\"n\": {n}", StringComparison.Ordinal) && !output.Contains($"\"n\":{n}", StringComparison.Ordinal))
    {
        throw new InvalidOperationException($"pbm plugin invoke exited {process.ExitCode}: {output} {error}");
    }
    return elapsed;
}

static Task AwaitReadyAsync(IActorRef plugins, string name) =>
    AwaitAsync(plugins, name, reply => reply is PluginStatus status && status.Workers.Any(w => w.State == "idle"), "has no ready worker");

static Task AwaitLoadedAsync(IActorRef plugins, string name) =>
    AwaitAsync(plugins, name, reply => reply is PluginStatus, "is not loaded");

static Task AwaitGoneAsync(IActorRef plugins, string name) =>
    AwaitAsync(plugins, name, reply => reply is not PluginStatus, "is still loaded after its folder was removed");

// Asks the host about NAME every millisecond until its answer satisfies the condition (60 s at most).
static async Task AwaitAsync(IActorRef plugins, string name, Func<object, bool> done, string failure)
{
    var deadline = Stopwatch.StartNew();
    while (!done(await plugins.Ask<object>(new DescribePlugin(name), TimeSpan.FromSeconds(10))))
    {
        if (deadline.Elapsed > TimeSpan.FromSeconds(60))
        {
            throw new TimeoutException($"{name} {failure} 60 s on");
        }

        await Task.Delay(1);
    }
}
