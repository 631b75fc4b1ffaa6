using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Commands.Top;

/// <summary>
/// What <c>pbm top</c> shows: the latest sample, each program's recent CPU (bounded, for its sparkline), the sort,
/// the selected row and the followed log's last lines (bounded). Changed by samples and keys; drawn by <see cref="TopView"/>.
/// </summary>
internal sealed class TopState
{
    /// <summary>CPU samples kept per program for its sparkline.</summary>
    public const int SparklineLength = 20;

    /// <summary>Log lines kept for the log pane.</summary>
    public const int LogLines = 200;

    private readonly Dictionary<string, Queue<double>> _cpu = new(StringComparer.Ordinal);
    private readonly Queue<string> _log = new();

    public IReadOnlyList<ProcessStatus> Rows { get; private set; } = [];

    public TopSort Sort { get; private set; } = TopSort.Name;

    public int Selected { get; private set; }

    /// <summary>The program whose log is followed, or null.</summary>
    public string? Following { get; set; }

    public string? Message { get; set; }

    public IReadOnlyCollection<string> Log => _log;

    public ProcessStatus? SelectedRow => Rows.Count == 0 ? null : Rows[Math.Clamp(Selected, 0, Rows.Count - 1)];

    public IReadOnlyCollection<double> CpuHistory(string program) => _cpu.TryGetValue(program, out var q) ? q : [];

    public void Apply(MetricsSnapshot snapshot)
    {
        var selected = SelectedRow is { } row ? Key(row) : null;
        foreach (var program in snapshot.Processes.GroupBy(p => p.Name, StringComparer.Ordinal))
        {
            if (!_cpu.TryGetValue(program.Key, out var history))
            {
                _cpu[program.Key] = history = new Queue<double>();
            }

            history.Enqueue(program.Sum(p => p.CpuPercent ?? 0));
            while (history.Count > SparklineLength)
            {
                history.Dequeue();
            }
        }

        foreach (var gone in _cpu.Keys.Where(k => snapshot.Processes.All(p => p.Name != k)).ToList())
        {
            _cpu.Remove(gone);
        }

        Rows = Sorted(snapshot.Processes);
        Selected = selected is null ? 0 : Math.Max(0, Rows.ToList().FindIndex(r => Key(r) == selected));
    }

    public void Move(int by) => Selected = Rows.Count == 0 ? 0 : Math.Clamp(Selected + by, 0, Rows.Count - 1);

    public void NextSort()
    {
        Sort = (TopSort)(((int)Sort + 1) % Enum.GetValues<TopSort>().Length);
        var selected = SelectedRow is { } row ? Key(row) : null;
        Rows = Sorted(Rows);
        Selected = selected is null ? 0 : Math.Max(0, Rows.ToList().FindIndex(r => Key(r) == selected));
    }

    public void AddLog(string line)
    {
        _log.Enqueue(line);
        while (_log.Count > LogLines)
        {
            _log.Dequeue();
        }
    }

    public void ClearLog() => _log.Clear();

    public static string Key(ProcessStatus p) => $"{p.Name}-{p.Instance}";

    private List<ProcessStatus> Sorted(IEnumerable<ProcessStatus> rows) => Sort switch
    {
        TopSort.Cpu => [.. rows.OrderByDescending(p => p.CpuPercent ?? 0).ThenBy(Key, StringComparer.Ordinal)],
        TopSort.Memory => [.. rows.OrderByDescending(p => p.MemoryBytes ?? 0).ThenBy(Key, StringComparer.Ordinal)],
        TopSort.Restarts => [.. rows.OrderByDescending(p => p.Restarts).ThenBy(Key, StringComparer.Ordinal)],
        _ => [.. rows.OrderBy(Key, StringComparer.Ordinal)],
    };
}

/// <summary>The column <c>pbm top</c> sorts by; <c>s</c> cycles through them.</summary>
internal enum TopSort
{
    Name,
    Cpu,
    Memory,
    Restarts,
}
