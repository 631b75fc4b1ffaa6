using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Processes.Supervision;

/// <summary>How a program ended: an exit code, or the signal that killed it.</summary>
public sealed record ExitOutcome(int? Code, int? Signal)
{
    public static ExitOutcome FromCode(int code) => new(code, null);

    public static ExitOutcome FromSignal(int signal) => new(null, signal);

    /// <summary>Exited with one of the success codes (a signal is never a success).</summary>
    public bool IsSuccess(IReadOnlyList<int> successExitCodes)
    {
        ArgumentNullException.ThrowIfNull(successExitCodes);
        return Signal is null && Code is { } code && successExitCodes.Contains(code);
    }

    public override string ToString() =>
        Signal is { } signal ? $"killed by {SignalNames.Name(signal)}" : Code is { } code ? $"exit code {code}" : "exit status unknown";
}
