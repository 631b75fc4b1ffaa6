using System.Globalization;
using System.Text;

namespace ProcessManager.Cli.Commands.Top;

/// <summary>Draws one frame of <c>pbm top</c> as plain ANSI: home, the lines (each cleared to its end), clear below.</summary>
internal static class TopView
{
    private const string Bars = "▁▂▃▄▅▆▇█";
    private const string Reverse = "\e[7m";
    private const string Reset = "\e[0m";

    public static string Frame(TopState state, int width, int height)
    {
        var lines = new List<string>
        {
            Fit($"pbm top — {state.Rows.Count} instances, sorted by {state.Sort.ToString().ToLowerInvariant()}   keys: ↑↓ select  s sort  r restart  l log  q quit", width),
            Fit($"{"NAME",-24} {"STATUS",-12} {"PID",8} {"RESTARTS",8} {"CPU%",6} {"MEMORY",10} {"UPTIME",9}  CPU (last {TopState.SparklineLength} samples)", width),
        };
        var logHeight = state.Following is null ? 0 : Math.Max(3, (height - 4) / 3);
        var tableHeight = Math.Max(1, height - lines.Count - 1 - logHeight - (logHeight > 0 ? 1 : 0));
        var first = Math.Clamp(state.Selected - tableHeight + 1, 0, Math.Max(0, state.Rows.Count - tableHeight));
        for (var i = first; i < Math.Min(state.Rows.Count, first + tableHeight); i++)
        {
            var p = state.Rows[i];
            var row = Fit(
                $"{TopState.Key(p),-24} {p.Status,-12} {p.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-",8} {p.Restarts,8} {p.CpuPercent ?? 0,6:0.0} {Bytes(p.MemoryBytes),10} {Uptime(p.UptimeSeconds),9}  {Sparkline(state.CpuHistory(p.Name))}",
                width);
            lines.Add(i == state.Selected ? Reverse + row + Reset : row);
        }

        if (state.Following is { } program)
        {
            while (lines.Count < 2 + tableHeight)
            {
                lines.Add(string.Empty);
            }

            lines.Add(Fit($"── log of {program} (l to close) ", width).PadRight(width, '─'));
            lines.AddRange(state.Log.TakeLast(logHeight).Select(l => Fit(l, width)));
        }

        var frame = new StringBuilder("\e[H");
        foreach (var line in lines.Take(height - 1))
        {
            frame.Append(line).Append("\e[K\r\n");
        }

        frame.Append(Fit(state.Message ?? string.Empty, width)).Append("\e[K\e[J");
        return frame.ToString();
    }

    public static string Sparkline(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return string.Empty;
        }

        var max = Math.Max(values.Max(), 1);
        return string.Concat(values.Select(v => Bars[(int)Math.Round(Math.Clamp(v / max, 0, 1) * (Bars.Length - 1))]));
    }

    private static string Fit(string text, int width) => text.Length <= width ? text : text[..Math.Max(0, width)];

    private static string Bytes(long? bytes) => bytes switch
    {
        null => "-",
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.0} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.0} MiB",
        >= 1L << 10 => $"{bytes / 1024.0:0.0} KiB",
        _ => $"{bytes} B",
    };

    private static string Uptime(double? seconds) => seconds switch
    {
        null => "-",
        >= 3600 => $"{(int)(seconds / 3600)}h{(int)(seconds % 3600 / 60):00}m",
        >= 60 => $"{(int)(seconds / 60)}m{(int)(seconds % 60):00}s",
        _ => $"{(int)seconds}s",
    };
}
