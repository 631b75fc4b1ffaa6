using System.Diagnostics;
using System.Globalization;
using ProcessManager.Actors.Os.Diagnostics;

namespace ProcessManager.Plugins.Bench;

/// <summary>
/// Where the time from "manifest written" to "first worker ready" goes, from the marks <see cref="LatencyTrace"/>
/// records when PBM_LATENCY_TRACE=1: per stage, ms after the bench started writing the folder; medians over runs.
/// </summary>
internal sealed class LoadBreakdown
{
    private static readonly LatencyStage[] Stages =
    [
        LatencyStage.PluginFilesChanged, LatencyStage.PluginScanStarted, LatencyStage.PluginScanApplied,
        LatencyStage.PluginActorStarted, LatencyStage.PluginSpawnThread, LatencyStage.PosixSpawnCall,
        LatencyStage.PosixSpawnReturn, LatencyStage.ExitWatched, LatencyStage.PluginWorkerSpawned, LatencyStage.PluginWorkerReady,
    ];

    private readonly Dictionary<string, List<double>> _rows = [];
    private readonly List<string> _order = [];

    /// <summary>One run: the marks since <paramref name="started"/> (a Stopwatch timestamp).</summary>
    public void Add(long started, LatencyMark[] marks)
    {
        var after = marks.Where(m => m.Timestamp >= started).OrderBy(m => m.Timestamp).ToArray();
        if (!after.Any(m => m.Stage == LatencyStage.PluginScanApplied))
        {
            return;
        }
        // The scan that found the plugin is the last one started before the first actor start.
        var actor = after.FirstOrDefault(m => m.Stage == LatencyStage.PluginActorStarted);
        foreach (var stage in Stages)
        {
            var mark = stage switch
            {
                LatencyStage.PluginFilesChanged => after.FirstOrDefault(m => m.Stage == stage),
                LatencyStage.PluginScanStarted or LatencyStage.PluginScanApplied when actor.Timestamp > 0 =>
                    after.LastOrDefault(m => m.Stage == stage && m.Timestamp <= actor.Timestamp),
                _ => after.FirstOrDefault(m => m.Stage == stage),
            };
            if (mark.Timestamp > 0)
            {
                Add(stage.ToString(), Stopwatch.GetElapsedTime(started, mark.Timestamp).TotalMilliseconds);
            }
        }
        if (actor.Timestamp > 0 && after.LastOrDefault(m => m.Stage == LatencyStage.PluginFilesChanged && m.Timestamp <= actor.Timestamp) is { Timestamp: > 0 } last)
        {
            Add("PluginFilesChanged (last before the scan)", Stopwatch.GetElapsedTime(started, last.Timestamp).TotalMilliseconds);
        }
    }

    public void Print(string title)
    {
        if (_order.Count == 0)
        {
            return;
        }
        Console.WriteLine($"   where the time goes ({title}; ms after the folder write began, medians):");
        foreach (var row in _order)
        {
            var values = _rows[row].Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"     {row,-44} {values[values.Length / 2],8:0.00}  (n={values.Length})"));
        }
    }

    private void Add(string row, double ms)
    {
        if (!_rows.TryGetValue(row, out var values))
        {
            _rows[row] = values = [];
            _order.Add(row);
        }
        values.Add(ms);
    }
}
