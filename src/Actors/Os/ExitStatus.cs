namespace ProcessManager.Actors.Os;

/// <summary>How a program ended. Both <see cref="Code"/> and <see cref="Signal"/> are null when the
/// status is unknown (an adopted process that was not our child).</summary>
public readonly record struct ExitStatus(int? Code, int? Signal, TimeSpan Uptime)
{
    /// <summary>True when the program exited normally with one of <paramref name="successCodes"/>.</summary>
    public bool Success(IReadOnlySet<int> successCodes)
    {
        ArgumentNullException.ThrowIfNull(successCodes);
        return Code is int code && successCodes.Contains(code);
    }

    /// <summary>True when neither code nor signal is known.</summary>
    public bool IsUnknown => Code is null && Signal is null;

    public override string ToString() => (Code, Signal) switch
    {
        (int code, _) => $"exited with code {code} after {Uptime.TotalSeconds:0.###}s",
        (_, int signal) => $"killed by {Signals.Name(signal)} after {Uptime.TotalSeconds:0.###}s",
        _ => $"exited (status unknown: not our child) after {Uptime.TotalSeconds:0.###}s",
    };
}
