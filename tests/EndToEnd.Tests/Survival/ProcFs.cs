using System.Globalization;

namespace ProcessManager.EndToEnd.Tests.Survival;

/// <summary>What the survival tests read from /proc about the processes they started.</summary>
internal static class ProcFs
{
    /// <summary>Pids whose process group is <paramref name="pgid"/> (zombies left out).</summary>
    public static IReadOnlyList<int> GroupMembers(int pgid) =>
        [.. All().Where(stat => stat.Group == pgid && stat.State != 'Z').Select(stat => stat.Pid)];

    /// <summary>Live (not zombie) processes whose environment holds <paramref name="variable"/>=<paramref name="value"/>.</summary>
    public static IReadOnlyList<int> WithEnvironment(string variable, string value)
    {
        var wanted = variable + "=" + value;
        var found = new List<int>();
        foreach (var stat in All())
        {
            if (stat.State == 'Z')
            {
                continue;
            }

            try
            {
                var environ = File.ReadAllText($"/proc/{stat.Pid}/environ");
                if (environ.Split('\0').Contains(wanted, StringComparer.Ordinal))
                {
                    found.Add(stat.Pid);
                }
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // Gone between the listing and the read, or another user's.
            }
        }

        return found;
    }

    public static bool IsAlive(int pid) => Read(pid) is { State: not 'Z' };

    /// <summary>True when the process leads its process group (every program the daemon starts does).</summary>
    public static bool LeadsGroup(int pid) => Read(pid) is { } stat && stat.Group == pid;

    /// <summary>The command line with NULs as spaces; empty when the process is gone.</summary>
    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>One variable of the process's environment; null when unset or the process is gone.</summary>
    public static string? Environment(int pid, string variable)
    {
        try
        {
            var prefix = variable + "=";
            return File.ReadAllText($"/proc/{pid}/environ").Split('\0').FirstOrDefault(e => e.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>When the process started (boot time + field 22 of its stat, at 100 ticks a second); MaxValue when gone.</summary>
    public static DateTime StartedAt(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var ticks = ulong.Parse(text[(text.LastIndexOf(')') + 2)..].Split(' ')[19], CultureInfo.InvariantCulture);
            var boot = File.ReadLines("/proc/stat").First(line => line.StartsWith("btime ", StringComparison.Ordinal));
            return DateTime.UnixEpoch.AddSeconds(long.Parse(boot.AsSpan(6).Trim(), CultureInfo.InvariantCulture) + ticks / 100.0);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return DateTime.MaxValue;
        }
    }

    private static IEnumerable<(int Pid, char State, int Group)> All()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Read(pid) is { } stat)
            {
                yield return stat;
            }
        }
    }

    private static (int Pid, char State, int Group)? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // comm may hold spaces and parentheses: the fields start after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (pid, fields[0][0], int.Parse(fields[2], CultureInfo.InvariantCulture));
    }
}
