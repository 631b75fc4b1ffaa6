using System.Globalization;

namespace ProcessManager.Actors.Os;

/// <summary>Linux signal numbers and their names, as used in configuration (stop-signal = SIGTERM).</summary>
public static class Signals
{
    public const int SIGHUP = 1;
    public const int SIGINT = 2;
    public const int SIGQUIT = 3;
    public const int SIGABRT = 6;
    public const int SIGKILL = 9;
    public const int SIGUSR1 = 10;
    public const int SIGSEGV = 11;
    public const int SIGUSR2 = 12;
    public const int SIGPIPE = 13;
    public const int SIGALRM = 14;
    public const int SIGTERM = 15;
    public const int SIGCONT = 18;
    public const int SIGSTOP = 19;

    private static readonly (string Name, int Number)[] Known =
    [
        ("SIGHUP", SIGHUP), ("SIGINT", SIGINT), ("SIGQUIT", SIGQUIT), ("SIGABRT", SIGABRT),
        ("SIGKILL", SIGKILL), ("SIGUSR1", SIGUSR1), ("SIGSEGV", SIGSEGV), ("SIGUSR2", SIGUSR2),
        ("SIGPIPE", SIGPIPE), ("SIGALRM", SIGALRM), ("SIGTERM", SIGTERM), ("SIGCONT", SIGCONT),
        ("SIGSTOP", SIGSTOP),
    ];

    /// <summary>Parses "SIGTERM", "TERM", "term" or "15".</summary>
    /// <exception cref="FormatException">The text names no known signal; the message lists the valid names.</exception>
    public static int Parse(string text) => TryParse(text, out var signal)
        ? signal
        : throw new FormatException(
            $"unknown signal '{text}': use a name ({string.Join(", ", Known.Select(k => k.Name))}, with or without SIG) or a number 1-64");

    public static bool TryParse(string? text, out int signal)
    {
        signal = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var trimmed = text.Trim();
        if (int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            if (number is >= 1 and <= 64)
            {
                signal = number;
                return true;
            }
            return false;
        }
        var name = trimmed.StartsWith("SIG", StringComparison.OrdinalIgnoreCase) ? trimmed : "SIG" + trimmed;
        foreach (var (knownName, knownNumber) in Known)
        {
            if (string.Equals(knownName, name, StringComparison.OrdinalIgnoreCase))
            {
                signal = knownNumber;
                return true;
            }
        }
        return false;
    }

    /// <summary>"SIGTERM" for 15; "signal 40" for numbers without a common name.</summary>
    public static string Name(int signal)
    {
        foreach (var (knownName, knownNumber) in Known)
        {
            if (knownNumber == signal)
            {
                return knownName;
            }
        }
        return "signal " + signal.ToString(CultureInfo.InvariantCulture);
    }
}
