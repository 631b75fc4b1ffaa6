using Microsoft.Extensions.Logging;

namespace ProcessManager.Actors.Processes.Supervisor;

internal static partial class SupervisorLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Recovering the declared processes from the journal failed; starting with none")]
    public static partial void LogRecoveryFailed(this ILogger logger, Exception error);
}
