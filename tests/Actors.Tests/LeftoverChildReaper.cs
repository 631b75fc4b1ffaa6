using System.Globalization;
using System.Runtime.InteropServices;
using ProcessManager.Actors.Tests;
using Xunit;

[assembly: AssemblyFixture(typeof(LeftoverChildReaper))]

namespace ProcessManager.Actors.Tests;

/// <summary>
/// Last safety net of this assembly: when every test is done, any program this test process
/// still parents (a test that lost track of a pid mid-restart, say) is killed with its whole
/// process group, so a run never leaves programs behind. Each test still cleans up its own.
/// </summary>
public sealed partial class LeftoverChildReaper : IAsyncDisposable
{
    private const int SigKill = 9;

    public ValueTask DisposeAsync()
    {
        var self = Environment.ProcessId;
        foreach (var pid in ChildrenOf(self))
        {
            // Our programs lead their own session; never signal a group we might share.
            if (getpgid(pid) == pid)
            {
                _ = kill(-pid, SigKill);
            }
        }

        return ValueTask.CompletedTask;
    }

    private static IEnumerable<int> ChildrenOf(int parent)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            // Fields after the parenthesised command: state, ppid, ...
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ppid) && ppid == parent)
            {
                yield return pid;
            }
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getpgid(int pid);
}
