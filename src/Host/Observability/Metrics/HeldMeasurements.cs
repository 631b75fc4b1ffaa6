using System.Diagnostics.Metrics;
using ProcessManager.Persistence.Storage;

namespace ProcessManager.Host.Observability.Metrics;

/// <summary>
/// Exits and API requests counted before the metrics pipeline listens (it is built at the first scrape), folded by
/// label set, so that the first scrape shows every series since the start. At most <see cref="MaxSeries"/> label sets
/// per instrument, the number of series OpenTelemetry keeps per metric by default: an exporter built at start would
/// not have shown more either. Not thread-safe: <see cref="ProcessManagerMetrics"/> locks.
/// </summary>
internal sealed class HeldMeasurements
{
    /// <summary>OpenTelemetry's default cardinality limit per metric stream.</summary>
    public const int MaxSeries = 2000;

    /// <summary>Runs ended per (program, reason).</summary>
    private readonly Dictionary<(string Program, string Reason), long> _exits = [];

    /// <summary>Requests per (route template, method, status).</summary>
    private readonly Dictionary<(string Route, string Method, int Status), long> _requests = [];

    /// <summary>Request latencies per route template.</summary>
    private readonly Dictionary<string, HeldHistogram> _durations = new(StringComparer.Ordinal);

    public void Exit(string program, string reason)
    {
        if (_exits.ContainsKey((program, reason)) || _exits.Count < MaxSeries)
        {
            _exits[(program, reason)] = _exits.GetValueOrDefault((program, reason)) + 1;
        }
    }

    public void Request(string route, string method, int status, double seconds)
    {
        if (_requests.ContainsKey((route, method, status)) || _requests.Count < MaxSeries)
        {
            _requests[(route, method, status)] = _requests.GetValueOrDefault((route, method, status)) + 1;
        }

        if (!_durations.TryGetValue(route, out var durations) && _durations.Count < MaxSeries)
        {
            _durations[route] = durations = new HeldHistogram(LatencyBuckets.Seconds);
        }

        durations?.Record(seconds);
    }

    /// <summary>Records everything held into the instruments (with the labels they are recorded with) and forgets it.</summary>
    public void ReplayInto(Counter<long> exits, Counter<long> requests, Histogram<double> durations)
    {
        foreach (var ((program, reason), count) in _exits)
        {
            exits.Add(count, new KeyValuePair<string, object?>("program", program), new KeyValuePair<string, object?>("reason", reason));
        }

        foreach (var ((route, method, status), count) in _requests)
        {
            requests.Add(count, new KeyValuePair<string, object?>("route", route), new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("status", status));
        }

        foreach (var (route, held) in _durations)
        {
            held.ReplayInto(durations, [new KeyValuePair<string, object?>("route", route)]);
        }

        _exits.Clear();
        _requests.Clear();
        _durations.Clear();
    }
}
