using System.Diagnostics;
using System.Globalization;
using ProcessManager.Actors.Os.Diagnostics;

/// <summary>
/// Where the time of a start or a crash → respawn goes, from the marks <see cref="LatencyTrace"/>
/// records when PBM_LATENCY_TRACE=1. Collected per round; printed as medians over rounds.
/// </summary>
internal sealed class LatencyBreakdown(string title)
{
    private readonly Dictionary<string, List<double>> _rows = [];
    private readonly List<string> _order = [];

    /// <summary>A start of many instances: per stage, when the median and the last instance reached it (ms after the command).</summary>
    public void AddStart(LatencyMark[] marks)
    {
        if (marks.FirstOrDefault(m => m.Stage == LatencyStage.SupervisorCommand) is not { Timestamp: > 0 } command)
        {
            return;
        }

        foreach (var stage in Enum.GetValues<LatencyStage>())
        {
            var times = marks.Where(m => m.Stage == stage && m.Key >= 0).Select(m => Ms(command.Timestamp, m.Timestamp)).Order().ToArray();
            if (times.Length == 0)
            {
                continue;
            }

            Add($"{stage} (median instance)", times[times.Length / 2]);
            Add($"{stage} (last instance)", times[^1]);
        }

        AddPerInstance(marks, "prepare (spawn thread -> posix_spawn call)", LatencyStage.SpawnThread, LatencyStage.PosixSpawnCall);
        AddPerInstance(marks, "posix_spawn call -> return", LatencyStage.PosixSpawnCall, LatencyStage.PosixSpawnReturn);
        AddPerInstance(marks, "track (pidfd, /proc, epoll)", LatencyStage.PosixSpawnReturn, LatencyStage.ExitWatched);
        AddPerInstance(marks, "spawn requested -> spawn thread", LatencyStage.SpawnRequested, LatencyStage.SpawnThread);
        AddPerInstance(marks, "exit watched -> result on actor", LatencyStage.ExitWatched, LatencyStage.SpawnResultOnActor);
    }

    /// <summary>Crash cycles of one instance: each begins when the exit watcher sees the exit.</summary>
    public void AddCrashes(LatencyMark[] marks)
    {
        var ordered = marks.OrderBy(m => m.Timestamp).ToArray();
        for (var i = 0; i < ordered.Length; i++)
        {
            if (ordered[i].Stage != LatencyStage.ExitSeen)
            {
                continue;
            }

            var start = ordered[i].Timestamp;
            var seen = new HashSet<LatencyStage>();
            for (var j = i + 1; j < ordered.Length && ordered[j].Stage != LatencyStage.ExitSeen; j++)
            {
                if (seen.Add(ordered[j].Stage))
                {
                    Add($"{ordered[j].Stage}", Ms(start, ordered[j].Timestamp));
                }
            }
        }
    }

    public void Print()
    {
        Console.WriteLine($"-- {title} (ms, median over rounds/cycles)");
        foreach (var row in _order)
        {
            var values = _rows[row].Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {row,-48} {values[values.Length / 2],8:0.000}  (n={values.Length})"));
        }
    }

    private void AddPerInstance(LatencyMark[] marks, string row, LatencyStage from, LatencyStage to)
    {
        var starts = marks.Where(m => m.Stage == from && m.Key >= 0).GroupBy(m => m.Key).ToDictionary(g => g.Key, g => g.First().Timestamp);
        var spans = marks.Where(m => m.Stage == to && starts.ContainsKey(m.Key)).Select(m => Ms(starts[m.Key], m.Timestamp)).Order().ToArray();
        if (spans.Length > 0)
        {
            Add(row + " median", spans[spans.Length / 2]);
            Add(row + " sum", spans.Sum());
        }
    }

    private void Add(string row, double value)
    {
        if (!_rows.TryGetValue(row, out var values))
        {
            _rows[row] = values = [];
            _order.Add(row);
        }

        values.Add(value);
    }

    private static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;
}
