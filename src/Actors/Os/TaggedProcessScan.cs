using System.Globalization;
using System.Text;
using ProcessManager.Actors.Os.Native;

namespace ProcessManager.Actors.Os;

/// <summary>
/// Finds the processes carrying a daemon's <see cref="ProgramTag"/> by reading /proc/PID/environ (the environment a
/// process was started with). Runs once at daemon start, before any instance exists; processes of other users than
/// the daemon's cannot be read unless the daemon is root, and those are not the daemon's.
/// </summary>
public static class TaggedProcessScan
{
    /// <summary>An environment larger than this is not read to its end (a tag past it is not found).</summary>
    private const int MaxEnvironmentBytes = 1 << 20;

    /// <summary>The tagged processes of <paramref name="tag"/>'s daemon, by instance name.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<TaggedProcess>> Scan(ProgramTag tag, string procRoot = "/proc")
    {
        ArgumentNullException.ThrowIfNull(tag);
        var prefix = Encoding.UTF8.GetBytes(ProgramTag.Variable + "=" + tag.DaemonId + "/");
        var self = Environment.ProcessId;
        var found = new Dictionary<string, List<TaggedProcess>>(StringComparer.Ordinal);
        foreach (var directory in Directory.EnumerateDirectories(procRoot))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == self)
            {
                continue;
            }

            if (ReadInstanceName(Path.Combine(directory, "environ"), prefix) is not { } instance || ProcStat.Read(pid) is not { } stat || stat.State is 'Z' or 'X')
            {
                continue;
            }

            if (!found.TryGetValue(instance, out var list))
            {
                found[instance] = list = [];
            }

            list.Add(new TaggedProcess(instance, pid, stat.ProcessGroup, stat.StartTimeTicks));
        }

        return found.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<TaggedProcess>)pair.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// SIGKILLs <paramref name="process"/> if it is still the same process (pid and start time, checked through a pidfd so a
    /// reused pid is never hit). False when it is gone.
    /// </summary>
    public static bool Kill(TaggedProcess process)
    {
        ArgumentNullException.ThrowIfNull(process);
        var pidfd = (int)LibC.syscall(LibC.SYS_pidfd_open, process.Pid, 0);
        if (pidfd < 0)
        {
            return false;
        }

        try
        {
            return ProcStat.Read(process.Pid) is { } stat && stat.StartTimeTicks == process.StartTimeTicks
                && LibC.syscall4(LibC.SYS_pidfd_send_signal, pidfd, Signals.SIGKILL, 0, 0) == 0;
        }
        finally
        {
            _ = LibC.close(pidfd);
        }
    }

    private static string? ReadInstanceName(string environPath, byte[] prefix)
    {
        byte[] environment;
        try
        {
            using var handle = File.OpenHandle(environPath);
            environment = ReadBounded(handle);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var rest = environment.AsSpan();
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)0);
            var entry = end < 0 ? rest : rest[..end];
            if (entry.StartsWith(prefix) && entry.Length > prefix.Length)
            {
                return Encoding.UTF8.GetString(entry[prefix.Length..]);
            }

            rest = end < 0 ? [] : rest[(end + 1)..];
        }

        return null;
    }

    private static byte[] ReadBounded(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        // /proc files report length 0: read until the end or the bound.
        var buffer = new byte[16 * 1024];
        var length = 0;
        while (length < MaxEnvironmentBytes)
        {
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxEnvironmentBytes));
            }

            var read = RandomAccess.Read(handle, buffer.AsSpan(length), length);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return buffer[..length];
    }
}
