using System.Globalization;

namespace ProcessManager.Cli.Output;

/// <summary>Human forms of numbers in tables.</summary>
internal static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>1536 → "1.5 KiB".</summary>
    public static string Bytes(long? bytes)
    {
        if (bytes is not { } value)
        {
            return "-";
        }

        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double size = value;
        var unit = 0;
        while (size >= 1024 && unit < units.Length - 1)
        {
            size /= 1024;
            unit++;
        }

        return unit == 0 ? value.ToString(Invariant) + " B" : size.ToString(size >= 100 ? "0" : "0.0", Invariant) + " " + units[unit];
    }

    /// <summary>3725 s → "1h2m".</summary>
    public static string Duration(double? seconds)
    {
        if (seconds is not { } value || value < 0)
        {
            return "-";
        }

        var span = TimeSpan.FromSeconds(value);
        return span.TotalDays >= 1 ? $"{(int)span.TotalDays}d{span.Hours}h"
            : span.TotalHours >= 1 ? $"{(int)span.TotalHours}h{span.Minutes}m"
            : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes}m{span.Seconds}s"
            : $"{(int)span.TotalSeconds}s";
    }

    /// <summary>12.345 → "12.3%".</summary>
    public static string Percent(double? value) => value is { } v ? v.ToString("0.0", Invariant) + "%" : "-";

    /// <summary>A number with invariant formatting.</summary>
    public static string Number(double value, string format = "0.##") => value.ToString(format, Invariant);

    /// <summary>An integer with invariant formatting, or "-".</summary>
    public static string Number(long? value) => value?.ToString(Invariant) ?? "-";

    /// <summary>A timestamp as ISO-8601 UTC to the second.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", Invariant);
}
