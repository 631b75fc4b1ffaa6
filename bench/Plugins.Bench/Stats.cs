using System.Globalization;

namespace ProcessManager.Plugins.Bench;

internal static class Stats
{
    public static void Report(string what, List<double> milliseconds)
    {
        if (milliseconds.Count == 0)
        {
            Console.WriteLine($"{what}: not measured (no runs asked for)");
            return;
        }
        milliseconds.Sort();
        double At(double q) => milliseconds[Math.Min(milliseconds.Count - 1, (int)(q * milliseconds.Count))];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: median {At(0.5):0.000} ms, p90 {At(0.9):0.000} ms, p99 {At(0.99):0.000} ms"));
    }
}
