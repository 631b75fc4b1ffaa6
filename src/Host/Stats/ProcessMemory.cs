using System.Globalization;

namespace ProcessManager.Host.Stats;

/// <summary>Reads the daemon's own resident set size from /proc/self/statm.</summary>
public static class ProcessMemory
{
    /// <summary>RSS in bytes (falls back to the working set when /proc is unavailable).</summary>
    public static long ResidentBytes()
    {
        try
        {
            var statm = File.ReadAllText("/proc/self/statm").Split(' ');
            return long.Parse(statm[1], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return Environment.WorkingSet;
        }
    }
}
