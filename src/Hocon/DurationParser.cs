using System.Globalization;

namespace ProcessManager.Hocon;

/// <summary>Durations: a number then a unit (ns, us, ms, s, m, h, d and their long forms); no unit means milliseconds.</summary>
public static class DurationParser
{
    private static readonly Dictionary<string, double> TicksPerUnit = BuildUnits();

    public static bool TryParse(string text, out TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        duration = default;
        if (trimmed is "infinite" or "inf")
        {
            duration = Timeout.InfiniteTimeSpan;
            return true;
        }

        var split = 0;
        while (split < trimmed.Length && (char.IsAsciiDigit(trimmed[split]) || trimmed[split] is '.' or '-' or '+' or 'e' or 'E'))
        {
            // An 'e' that starts a unit ends the number, not an exponent.
            if (trimmed[split] is 'e' or 'E' && (split + 1 >= trimmed.Length || !(char.IsAsciiDigit(trimmed[split + 1]) || trimmed[split + 1] is '-' or '+')))
            {
                break;
            }

            split++;
        }

        var unit = trimmed[split..].Trim();
        if (!double.TryParse(trimmed.AsSpan(0, split), NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
            || !TicksPerUnit.TryGetValue(unit, out var ticksPerUnit))
        {
            return false;
        }

        var ticks = amount * ticksPerUnit;
        if (double.IsNaN(ticks) || Math.Abs(ticks) >= long.MaxValue)
        {
            return false;
        }

        duration = TimeSpan.FromTicks((long)Math.Round(ticks));
        return true;
    }

    private static Dictionary<string, double> BuildUnits()
    {
        var units = new Dictionary<string, double>(StringComparer.Ordinal) { [string.Empty] = TimeSpan.TicksPerMillisecond };
        void Add(double ticks, params string[] names)
        {
            foreach (var name in names)
            {
                units[name] = ticks;
            }
        }

        Add(0.01, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
        Add(10, "us", "µs", "micro", "micros", "microsecond", "microseconds");
        Add(TimeSpan.TicksPerMillisecond, "ms", "milli", "millis", "millisecond", "milliseconds");
        Add(TimeSpan.TicksPerSecond, "s", "second", "seconds");
        Add(TimeSpan.TicksPerMinute, "m", "minute", "minutes");
        Add(TimeSpan.TicksPerHour, "h", "hour", "hours");
        Add(TimeSpan.TicksPerDay, "d", "day", "days");
        return units;
    }
}
