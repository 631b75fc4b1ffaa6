using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProcessManager.Actors.Plugins.Messages;
using ProcessManager.Contracts.Client;
using ProcessManager.Contracts.Dtos;
using ProcessManager.Host.Api;
using ProcessManager.Host.Hosting;
using ProcessManager.Plugins.Bench;

// Plugin figures against an in-process daemon (journal, API on its Unix socket) with real Python workers:
//   dotnet run -c Release --project bench/Plugins.Bench -- [load-runs] [invokes] [cycles]
// Defaults: 20 loads, 2000 invokes, 1000 load/unload cycles; medians (and p90/p99) printed.
//   - manifest -> first worker ready: a plugin folder is written (watch-debounce 10ms) until the pool reports an idle
//     worker (hello answered), polled every 1 ms; "warm" = the Python interpreter's files are in the page cache;
//   - invoke round trip: POST /v1/plugins/NAME/invoke over the Unix socket, echo of {"n": i}, on a warm worker;
//   - memory over load/unload cycles: a plugin folder is written, loaded (worker ready), removed, unloaded; the
//     daemon's managed heap after a full GC and its RSS are read after the warm-up (10% of the cycles) and at the end.
var loadRuns = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
var invokes = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
var cycles = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000;

Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}; {Environment.ProcessorCount} cores");
var home = Directory.CreateTempSubdirectory("pbm-plugins-bench-").FullName;
try
{
    var config = Path.Combine(home, "daemon.conf");
    await File.WriteAllTextAsync(config, "pbm.plugins.watch-debounce = 10ms\npbm.observability.sample-interval = 1h\n");
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

    // Manifest written -> first worker ready.
    var loads = new List<double>();
    var loaded = new List<double>();
    for (var i = 0; i < loadRuns + 2; i++)
    {
        var name = "load" + i.ToString(CultureInfo.InvariantCulture);
        var started = Stopwatch.GetTimestamp();
        folders.Install(name);
        await AwaitLoadedAsync(plugins, name);
        var found = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        await AwaitReadyAsync(plugins, name);
        if (i >= 2)
        {
            loaded.Add(found);
            loads.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        folders.Remove(name);
        await AwaitGoneAsync(plugins, name);
    }

    Stats.Report($"manifest written -> plugin loaded (watch-debounce 10ms included), {loadRuns} runs", loaded);
    Stats.Report($"manifest written -> first worker ready (watch-debounce 10ms included), {loadRuns} runs", loads);

    // Invoke round trip through the API on a warm worker.
    folders.Install("echo");
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

    Stats.Report($"invoke round trip through the API (Unix socket, echo), {invokes} calls", invokeTimes);

    // Memory over load/unload cycles.
    var warmup = Math.Max(1, cycles / 10);
    (long Heap, long Rss) before = default;
    var cycleTimer = Stopwatch.StartNew();
    for (var i = 1; i <= cycles; i++)
    {
        folders.Install("cycle");
        await AwaitReadyAsync(plugins, "cycle");
        folders.Remove("cycle");
        await AwaitGoneAsync(plugins, "cycle");
        if (i == warmup)
        {
            before = Memory.Measure();
        }

        if (i % 100 == 0)
        {
            Console.Error.WriteLine($"  {i}/{cycles} cycles, {cycleTimer.Elapsed.TotalSeconds:0} s");
        }
    }

    var after = Memory.Measure();
    Console.WriteLine($"memory over {cycles - warmup} load/unload cycles after {warmup} of warm-up: managed heap {Memory.Mib(before.Heap)} -> {Memory.Mib(after.Heap)} MiB ({(after.Heap - before.Heap) / 1024.0:+0.0;-0.0} KiB), RSS {Memory.Mib(before.Rss)} -> {Memory.Mib(after.Rss)} MiB ({(after.Rss - before.Rss) / 1024.0:+0;-0} KiB)");
    await host.StopAsync();
}
finally
{
    Directory.Delete(home, recursive: true);
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
