using System.Globalization;

namespace ProcessManager.Os.Bench;

internal static class Report
{
    public static async Task RunAsync(string name, int runs, Func<Task<TimeSpan>> run)
    {
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
