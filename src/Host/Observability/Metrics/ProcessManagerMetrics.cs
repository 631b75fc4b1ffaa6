using System.Diagnostics.Metrics;
using ProcessManager.Actors.Plugins.Messages;
using ProcessManager.Actors.Usb.Protocol;
using ProcessManager.Contracts.Dtos;
using ProcessManager.Host.Api;

namespace ProcessManager.Host.Observability.Metrics;

/// <summary>
/// The daemon's instruments (System.Diagnostics.Metrics, meter <c>ProcessManager</c>). Per-program values are read
/// from the observer's latest sample when a reader (the Prometheus scrape, the OTLP exporter) collects; labels are
/// program names and small fixed sets (state, exit reason, route template, status code), never pids or free text.
/// </summary>
internal sealed class ProcessManagerMetrics : IDisposable
{
    public const string MeterName = "ProcessManager";

    private readonly ProcessObserver _observer;
    private readonly Counter<long> _exits;
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _requestDuration;

    /// <summary>Guards <see cref="_held"/> and the switch to <see cref="_exporting"/>.</summary>
    private readonly Lock _holdGate = new();

    /// <summary>Exits and requests recorded before any pipeline listened (under <see cref="_holdGate"/>).</summary>
    private readonly HeldMeasurements _held = new();

    /// <summary>Set once, under <see cref="_holdGate"/>, after the held measurements went to the instruments.</summary>
    private volatile bool _exporting;

    public ProcessManagerMetrics(ProcessObserver observer, ApiContext api)
    {
        _observer = observer;
        Meter = new Meter(MeterName, typeof(ProcessManagerMetrics).Assembly.GetName().Version?.ToString());
        Meter.CreateObservableGauge("pbm.process.instances", ObserveInstances, unit: "{instance}", description: "Instances of each program by state");
        Meter.CreateObservableCounter("pbm.process.restarts", () => PerProgram(p => (long)p.Restarts), unit: "{restart}", description: "Restarts of each program since it was declared");
        Meter.CreateObservableGauge("pbm.process.cpu", () => PerProgram(p => p.CpuPercent ?? 0), unit: "%", description: "CPU use of each program's process trees, percent of one core");
        Meter.CreateObservableGauge("pbm.process.memory", () => PerProgram(p => p.MemoryBytes ?? 0), unit: "By", description: "Resident memory of each program's process trees");
        Meter.CreateObservableGauge("pbm.process.uptime", ObserveUptime, unit: "s", description: "Seconds the longest-running instance of each program has run");
        Meter.CreateObservableCounter("pbm.process.log.lines", () => PerProgram(p => p.LogLines), unit: "{line}", description: "Output lines captured from each program (resets when an instance's capture restarts)");
        Meter.CreateObservableCounter("pbm.process.log.dropped", () => PerProgram(p => p.DroppedLogLines), unit: "{line}", description: "Output lines of each program that did not reach its log files");
        _exits = Meter.CreateCounter<long>("pbm.process.exits", unit: "{exit}", description: "Runs that ended, by program and reason (exit-0, exit-nonzero, signal, spawn-failed)");

        Meter.CreateObservableGauge("pbm.daemon.uptime", () => api.Counters.UptimeSeconds, unit: "s", description: "Seconds since the daemon started");
        Meter.CreateObservableGauge("pbm.daemon.actors", ObserveActors, unit: "{actor}", description: "Actors in the actor system at the last walk of the tree");
        Meter.CreateObservableGauge("pbm.api.streams", () => api.Counters.ActiveStreams, unit: "{stream}", description: "Open follow/event/metrics streams");
        Meter.CreateObservableGauge("pbm.api.connections", () => api.Connections?.Open ?? 0, unit: "{connection}", description: "Open API connections");
        _requests = Meter.CreateCounter<long>("pbm.api.requests", unit: "{request}", description: "API requests by route template, method and status");
        _requestDuration = Meter.CreateHistogram<double>("pbm.api.request.duration", unit: "s", description: "API request latency by route template");
        Meter.CreateObservableGauge("pbm.buffer.used", () => Buffers(b => b.Used), unit: "{item}", description: "Use of each bounded buffer (logs, metrics history, journal write queue, event subscribers)");
        Meter.CreateObservableGauge("pbm.buffer.capacity", () => Buffers(b => b.Capacity), unit: "{item}", description: "Bound of each buffer (0 = unbounded counter)");
        Meter.CreateObservableCounter("pbm.buffer.dropped", () => Buffers(b => b.Dropped), unit: "{item}", description: "Items each buffer dropped or failed since start (log lines, events, journal writes)");
        AddSubsystemInstruments();
    }

    private void AddSubsystemInstruments()
    {
        Meter.CreateObservableGauge("pbm.usb.devices", () => Usb(u => (long)u.Devices), unit: "{device}", description: "USB devices in the watcher's table");
        Meter.CreateObservableCounter("pbm.usb.uevents", () => Usb(u => u.UeventsReceived), unit: "{uevent}", description: "Kernel uevents the USB watcher read");
        Meter.CreateObservableCounter("pbm.usb.events", () => Usb(u => u.Events), unit: "{event}", description: "Device attached/detached/changed events the USB watcher emitted");
        Meter.CreateObservableCounter("pbm.usb.malformed", () => Usb(u => u.Malformed), unit: "{uevent}", description: "Uevent payloads refused as malformed or truncated");
        Meter.CreateObservableCounter("pbm.usb.overflows", () => Usb(u => u.Overflows), unit: "{overflow}", description: "Times the kernel reported lost uevents (ENOBUFS)");
        Meter.CreateObservableCounter("pbm.usb.rule.failures", () => Usb(u => u.RuleFailures), unit: "{command}", description: "USB rule commands the supervisor refused");
        Meter.CreateObservableGauge("pbm.plugin.workers", () => PerPlugin(p => (long)p.Workers.Count), unit: "{worker}", description: "Workers in each plugin's pool");
        Meter.CreateObservableGauge("pbm.plugin.queued", () => PerPlugin(p => (long)p.Queued), unit: "{request}", description: "Requests waiting for a worker of each plugin");
        Meter.CreateObservableCounter("pbm.plugin.invocations", () => PerPlugin(p => p.Invocations), unit: "{request}", description: "Requests each plugin accepted");
        Meter.CreateObservableCounter("pbm.plugin.failures", () => PerPlugin(p => p.Failures), unit: "{request}", description: "Requests of each plugin that failed (error, timeout, crash)");
        Meter.CreateObservableCounter("pbm.plugin.workers.recycled", () => PerPlugin(p => p.WorkersRecycled), unit: "{worker}", description: "Workers of each plugin retired after their job or memory limit");
        Meter.CreateObservableCounter("pbm.plugin.workers.failed", () => PerPlugin(p => p.WorkersFailed), unit: "{worker}", description: "Workers of each plugin that crashed, hung or broke the protocol");
    }

    private IEnumerable<Measurement<long>> Usb(Func<UsbWatcherStatus, long> value)
    {
        if (_observer.Subsystems?.Usb is { } usb)
        {
            yield return new Measurement<long>(value(usb));
        }
    }

    private IEnumerable<Measurement<long>> PerPlugin(Func<PluginStatus, long> value)
    {
        if (_observer.Subsystems?.Plugins is not { } plugins)
        {
            yield break;
        }

        foreach (var plugin in plugins.Plugins)
        {
            yield return new Measurement<long>(value(plugin), new KeyValuePair<string, object?>("plugin", plugin.Manifest.Name));
        }
    }

    /// <summary>The meter; the exporters listen to this instance only.</summary>
    public Meter Meter { get; }

    /// <summary>Whether measurements go to the instruments directly: a pipeline listens (<see cref="StartExporting"/>).</summary>
    public bool Exporting => _exporting;

    public void RecordExit(string program, string reason)
    {
        if (!_exporting)
        {
            lock (_holdGate)
            {
                // Checked again under the lock: StartExporting may have switched since.
                if (!_exporting)
                {
                    _held.Exit(program, reason);
                    return;
                }
            }
        }

        _exits.Add(1, new KeyValuePair<string, object?>("program", program), new KeyValuePair<string, object?>("reason", reason));
    }

    /// <summary>One answered API request; <paramref name="route"/> is its template (<c>/v1/processes/{name}</c>), never the path.</summary>
    public void RecordRequest(string route, string method, int status, double seconds)
    {
        if (!_exporting)
        {
            lock (_holdGate)
            {
                if (!_exporting)
                {
                    _held.Request(route, method, status, seconds);
                    return;
                }
            }
        }

        var routeTag = new KeyValuePair<string, object?>("route", route);
        _requests.Add(1, routeTag, new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("status", status));
        _requestDuration.Record(seconds, routeTag);
    }

    /// <summary>
    /// A pipeline listens to the meter from now on (built at the first scrape, or at start for OTLP): what was held goes
    /// to the instruments, so the first export counts every exit and request since the start. Idempotent.
    /// </summary>
    public void StartExporting()
    {
        lock (_holdGate)
        {
            if (_exporting)
            {
                return;
            }

            _held.ReplayInto(_exits, _requests, _requestDuration);
            _exporting = true;
        }
    }

    public void Dispose() => Meter.Dispose();

    private static KeyValuePair<string, object?> Program(string name) => new("program", name);

    private IEnumerable<Measurement<T>> PerProgram<T>(Func<ProcessStatus, T> value)
        where T : struct, System.Numerics.INumber<T>
    {
        if (_observer.Latest is not { } latest)
        {
            yield break;
        }

        foreach (var program in latest.Processes.GroupBy(p => p.Name, StringComparer.Ordinal))
        {
            var sum = T.Zero;
            foreach (var instance in program)
            {
                sum += value(instance);
            }

            yield return new Measurement<T>(sum, Program(program.Key));
        }
    }

    private IEnumerable<Measurement<int>> ObserveInstances()
    {
        // A collection (scrape, OTLP export) reads figures: keep them fresh for the next one.
        _observer.Demand.Note();
        if (_observer.Latest is not { } latest)
        {
            yield break;
        }

        foreach (var group in latest.Processes.GroupBy(p => (p.Name, p.Status)))
        {
            yield return new Measurement<int>(group.Count(), Program(group.Key.Name), new KeyValuePair<string, object?>("state", group.Key.Status));
        }
    }

    private IEnumerable<Measurement<double>> ObserveUptime()
    {
        if (_observer.Latest is not { } latest)
        {
            yield break;
        }

        foreach (var program in latest.Processes.GroupBy(p => p.Name, StringComparer.Ordinal))
        {
            yield return new Measurement<double>(program.Max(p => p.UptimeSeconds ?? 0), Program(program.Key));
        }
    }

    private IEnumerable<Measurement<long>> ObserveActors()
    {
        if (_observer.Actors is var actors and >= 0)
        {
            yield return new Measurement<long>(actors);
        }
    }

    private IEnumerable<Measurement<long>> Buffers(Func<BufferUsage, long?> value) =>
        _observer.Buffers.Where(b => value(b) is not null).Select(b => new Measurement<long>(
            value(b)!.Value,
            new KeyValuePair<string, object?>("subsystem", b.Subsystem),
            new KeyValuePair<string, object?>("buffer", b.Name)));
}
