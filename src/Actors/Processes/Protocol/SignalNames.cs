using System.Globalization;

namespace ProcessManager.Actors.Processes.Protocol;

/// <summary>Linux signal numbers by name, for specs and for status output.</summary>
public static class SignalNames
{
#pragma warning disable CA1707 // Signal names are spelled as in signal(7).
    public const int SIGHUP = 1;
    public const int SIGINT = 2;
    public const int SIGQUIT = 3;
    public const int SIGKILL = 9;
    public const int SIGUSR1 = 10;
    public const int SIGUSR2 = 12;
    public const int SIGTERM = 15;
#pragma warning restore CA1707

    // Index = signal number (signal(7), x86-64/arm64 numbering).
    private static readonly string[] Names =
    [
        "", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE",
        "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ",
        "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
    ];

    /// <summary>Parses "SIGTERM", "TERM" or "15".</summary>
    public static bool TryParse(string text, out int signal)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out signal))
        {
            return signal is >= 1 and <= 64;
        }

        if (trimmed.StartsWith("SIG", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[3..];
        }

        signal = Array.FindIndex(Names, 1, name => name.Equals(trimmed, StringComparison.OrdinalIgnoreCase));
        if (signal > 0)
        {
            return true;
        }

        signal = 0;
        return false;
    }

    /// <summary>"SIGTERM" for 15; the number for signals without a name here.</summary>
    public static string Name(int signal)
    {
        return signal > 0 && signal < Names.Length
            ? "SIG" + Names[signal]
            : signal.ToString(CultureInfo.InvariantCulture);
    }
}
