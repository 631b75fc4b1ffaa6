using System.Globalization;

namespace ProcessManager.Os.Bench;

internal static class Report
{
    /// <summary>Only benchmarks whose name contains this text run (null: all).</summary>
    public static string? Filter { get; set; }

    public static bool Selected(string name) => Filter is null || name.Contains(Filter, StringComparison.OrdinalIgnoreCase);

    public static async Task RunAsync(string name, int runs, Func<Task<TimeSpan>> run)
    {
        if (!Selected(name))
        {
            return;
        }
        await run(); // warm-up: JIT, thread start, page cache
        var samples = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            samples.Add((await run()).TotalMilliseconds);
        }
        samples.Sort();
        var median = samples.Count % 2 == 1 ? samples[samples.Count / 2] : (samples[(samples.Count / 2) - 1] + samples[samples.Count / 2]) / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-48} {median,10:0.000} ms  ({samples[0]:0.000}..{samples[^1]:0.000})"));
    }
}
