using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Processes.Supervision;

/// <summary>Whether a program that exited on its own is restarted (never applies to a stop on request).</summary>
public static class RestartDecision
{
    /// <summary>
    /// always: restart whatever the outcome; on-failure: restart unless the exit code is a success code
    /// (a death by signal is a failure); never: do not restart.
    /// </summary>
    public static bool ShouldRestart(RestartPolicy policy, ExitOutcome outcome, IReadOnlyList<int> successExitCodes)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return policy switch
        {
            RestartPolicy.Always => true,
            RestartPolicy.OnFailure => !outcome.IsSuccess(successExitCodes),
            RestartPolicy.Never => false,
            _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "unknown restart policy"),
        };
    }
}
