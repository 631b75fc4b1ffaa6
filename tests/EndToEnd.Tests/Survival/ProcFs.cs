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
