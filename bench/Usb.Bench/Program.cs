using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Configuration;
using ProcessManager.Actors.Processes;
using ProcessManager.Actors.Processes.Events;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Usb;
using ProcessManager.Actors.Usb.Events;
using ProcessManager.Actors.Usb.Protocol;
using ProcessManager.Actors.Usb.Rules;
using ProcessManager.Persistence.Configuration;
using ProcessManager.Usb.Bench;

// dotnet run -c Release --project bench/Usb.Bench -- [samples] [memory-events]   (default 200 samples, 100000 events)
// As root: the kernel path writes "add" to /sys/devices/virtual/mem/null/uevent (skipped when that is not permitted).
var samples = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
var memoryEvents = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
var home = Directory.CreateTempSubdirectory("pbm-usb-bench-").FullName;
var sysfs = Path.Combine(home, "sys");
Directory.CreateDirectory(Path.Combine(sysfs, "bus", "usb", "devices"));
var config = ConfigurationFactory.ParseString("akka.loglevel = WARNING")
    .WithFallback(PersistencePlugins.Config(new PbmPersistenceSettings { SqlitePath = Path.Combine(home, "pbm.db") }))
    .WithFallback(ProcessEventSerializer.Configuration)
    .WithFallback(UsbEventSerializer.Configuration);
using var system = ActorSystem.Create("usb-bench", config);
Console.WriteLine($"USB watcher benchmarks, {Environment.ProcessorCount} cores; latencies in ms: median p95 p99 (max) over {samples} samples");
try
{
    var supervisor = system.ActorOf(ProcessSupervisor.Props(new ProcessSupervisorSettings(Path.Combine(home, "logs"), TimeSpan.FromMilliseconds(200), 50, TimeSpan.FromSeconds(30))), ProcessSupervisor.ActorName);
    var template = new ProcessSpec { Name = "bound", Argv = ["sleep", "300"], Stop = new StopSettings(15, TimeSpan.FromSeconds(5)) };
    var rule = new UsbRule("bound", new UsbMatch { Vendor = "0403", Port = "1-1" }, UsbAttachAction.Start, UsbDetachAction.Stop, new AppRuleTarget(template));
    var settings = new UsbWatcherSettings { SysfsRoot = sysfs, Debounce = TimeSpan.Zero, Netlink = true, HistoryLimit = 1000 };
    var watcher = system.ActorOf(UsbWatcher.Props(settings, [rule], supervisor), UsbWatcher.ActorName);
    var arrivals = Channel.CreateUnbounded<(object Message, long At)>();
    var probe = system.ActorOf(Props.Create(() => new Probe(arrivals.Writer)), "probe");
    system.EventStream.Subscribe(probe, typeof(UsbDeviceEvent));
    system.EventStream.Subscribe(probe, typeof(ProcessStateChanged));
    await watcher.Ask<UsbResynchronized>(ResynchronizeUsb.Instance, TimeSpan.FromSeconds(30));

    async Task<(object Message, long At)> NextAsync(Func<object, bool> wanted)
    {
        while (true)
        {
            var arrival = await arrivals.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            if (wanted(arrival.Message))
            {
                return arrival;
            }
        }
    }

    // 1. The kernel path: a real uevent (write "add" to /dev/null's uevent file) -> read from netlink -> a subscriber.
    watcher.Tell(new SubscribeUevents("mem"), probe);
    await NextAsync(m => m is UeventsSubscribed);
    var received = new List<double>();
    var endToEnd = new List<double>();
    try
    {
        for (var i = 0; i < samples + 10; i++)
        {
            var written = Stopwatch.GetTimestamp();
            await File.WriteAllTextAsync("/sys/devices/virtual/mem/null/uevent", "add");
            var (message, at) = await NextAsync(m => m is UeventObserved o && o.Uevent.DevPath == "/devices/virtual/mem/null");
            if (i >= 10)
            {
                received.Add(Stopwatch.GetElapsedTime(((UeventObserved)message).ReceivedTimestamp, at).TotalMilliseconds);
                endToEnd.Add(Stopwatch.GetElapsedTime(written, at).TotalMilliseconds);
            }
        }

        Print("kernel uevent: socket read -> subscriber", received);
        Print("kernel uevent: sysfs write -> subscriber", endToEnd);
    }
    catch (UnauthorizedAccessException)
    {
        Console.WriteLine("kernel uevent: skipped (writing /sys/devices/virtual/mem/null/uevent is not permitted)");
    }

    // 2. A USB attach (recorded uevent injected, device read from the fake sysfs) -> DeviceAttached at a subscriber.
    var device = new FakeDevice(sysfs, 2);
    device.Create();
    var seq = 1;
    var attached = new List<double>();
    for (var i = 0; i < samples + 10; i++)
    {
        var sent = Stopwatch.GetTimestamp();
        watcher.Tell(new InjectUevent(device.Uevent("add", seq++)));
        var (_, at) = await NextAsync(m => m is DeviceAttached a && a.Device.Id == device.Id);
        if (i >= 10)
        {
            attached.Add(Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds);
        }

        watcher.Tell(new InjectUevent(device.Uevent("remove", seq++)));
        await NextAsync(m => m is DeviceDetached d && d.Device.Id == device.Id);
    }

    Print("usb attach uevent -> DeviceAttached subscriber", attached);

    // 3. A bound device's attach -> its program running with a pid (rule -> supervisor -> spawn).
    var bound = new FakeDevice(sysfs, 1);
    bound.Create();
    var toPid = new List<double>();
    var rounds = Math.Max(10, samples / 10);
    for (var i = 0; i < rounds + 2; i++)
    {
        var sent = Stopwatch.GetTimestamp();
        watcher.Tell(new InjectUevent(bound.Uevent("add", seq++)));
        var (running, at) = await NextAsync(m => m is ProcessStateChanged c && c.FullName == "bound.1-1-0" && c.State == ProcessState.Running);
        if (i >= 2)
        {
            toPid.Add(Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds);
        }

        var pid = ((ProcessStateChanged)running).Status.Pid;
        watcher.Tell(new InjectUevent(bound.Uevent("remove", seq++)));
        await NextAsync(m => m is ProcessStateChanged c && c.FullName == "bound.1-1-0" && c.State is not (ProcessState.Running or ProcessState.Starting));
        while (pid is { } alive && IsRunning(alive))
        {
            await Task.Delay(10);
        }
    }

    Print($"bound device attach -> program running (pid), {rounds} rounds", toPid);

    // 4. Memory of the watcher over many attach/detach events (50 devices, debounce 0: every uevent is an event).
    system.EventStream.Unsubscribe(probe);
    var devices = Enumerable.Range(10, 50).Select(port => new FakeDevice(sysfs + "-absent", port)).ToList();
    var status = await watcher.Ask<UsbWatcherStatus>(GetUsbWatcherStatus.Instance, TimeSpan.FromSeconds(30));
    var baseline = status.Events;
    Console.WriteLine($"memory over {memoryEvents:N0} attach/detach events (managed heap after a full GC; RSS):");
    for (var done = 0; done < memoryEvents;)
    {
        var batch = Math.Min(memoryEvents / 10, memoryEvents - done);
        for (var i = 0; i < batch; i += 2)
        {
            var d = devices[(done + i) / 2 % devices.Count];
            watcher.Tell(new InjectUevent(d.Uevent("add", seq++)));
            watcher.Tell(new InjectUevent(d.Uevent("remove", seq++)));
        }

        done += batch;
        while ((await watcher.Ask<UsbWatcherStatus>(GetUsbWatcherStatus.Instance, TimeSpan.FromSeconds(60))).Events < baseline + done)
        {
            await Task.Delay(50);
        }

        await watcher.Ask<UsbHistory>(new GetUsbHistory(1), TimeSpan.FromSeconds(120)); // the journal has caught up
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var self = Process.GetCurrentProcess();
        Console.WriteLine($"  {done,8:N0} events: heap {GC.GetTotalMemory(false) / 1024.0 / 1024.0,7:0.0} MiB, RSS {self.WorkingSet64 / 1024.0 / 1024.0,7:0.0} MiB");
    }
}
finally
{
    await system.Terminate();
    Directory.Delete(home, recursive: true);
}

static bool IsRunning(int pid)
{
    try
    {
        return !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
    }
    catch (IOException)
    {
        return false;
    }
}

static void Print(string name, List<double> values)
{
    values.Sort();
    double At(double q) => values[Math.Min(values.Count - 1, (int)Math.Ceiling(q * values.Count) - 1)];
    Console.WriteLine(FormattableString.Invariant($"{name,-52} {At(0.5),7:0.000} {At(0.95),7:0.000} {At(0.99),7:0.000}  ({values[^1]:0.000})"));
}
