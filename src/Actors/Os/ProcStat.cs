using System.Globalization;

namespace ProcessManager.Actors.Os;

/// <summary>The fields of <c>/proc/PID/stat</c> this layer uses.</summary>
internal readonly record struct ProcStat(int Pid, char State, int ProcessGroup, int Session, ulong UserTicks, ulong SystemTicks, ulong StartTimeTicks, long RssPages)
{
    /// <summary>Reads /proc/PID/stat; null when the process does not exist (or vanished while reading).</summary>
    internal static ProcStat? Read(int pid)
    {
        Span<byte> buffer = stackalloc byte[1024];
        var path = string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/stat");
        try
        {
            using var handle = File.OpenHandle(path);
            var length = RandomAccess.Read(handle, buffer, 0);
            return Parse(buffer[..length]);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Parses the stat line; the command name may contain spaces and ')' so fields start after the last ')'.</summary>
    internal static ProcStat? Parse(ReadOnlySpan<byte> line)
    {
        var close = line.LastIndexOf((byte)')');
        if (close < 0 || close + 2 >= line.Length)
        {
            return null;
        }
        var pidEnd = line.IndexOf((byte)' ');
        if (pidEnd <= 0 || !int.TryParse(line[..pidEnd], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }
        // Field 3 (state) is right after ") "; fields are counted from 1 as in proc(5).
        var rest = line[(close + 2)..];
        var state = (char)rest[0];
        int pgrp = 0, session = 0;
        ulong utime = 0, stime = 0, start = 0;
        long rss = 0;
        var field = 3;
        while (!rest.IsEmpty && field <= 24)
        {
            var space = rest.IndexOf((byte)' ');
            var token = space < 0 ? rest : rest[..space];
            switch (field)
            {
                case 5: _ = int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out pgrp); break;
                case 6: _ = int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out session); break;
                case 14: _ = ulong.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out utime); break;
                case 15: _ = ulong.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out stime); break;
                case 22: _ = ulong.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out start); break;
                case 24: _ = long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out rss); break;
                default: break;
            }
            if (space < 0)
            {
                break;
            }
            rest = rest[(space + 1)..];
            field++;
        }
        return field < 24 ? null : new ProcStat(pid, state, pgrp, session, utime, stime, start, rss);
    }
}
