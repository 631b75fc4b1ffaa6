using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Output;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Commands.Process;

/// <summary>The one-line answer of start/stop/restart/scale, or the status as JSON.</summary>
internal static class StatusLine
{
    /// <summary>States that mean the program failed rather than ran: the command that led there exits non-zero.</summary>
    public static readonly IReadOnlySet<string> FailedStates = new HashSet<string>(StringComparer.Ordinal) { "errored", "crash-loop", "backing-off" };

    /// <summary>Writes the status; Error when the process ended up failed (errored, crash-loop, backing off).</summary>
    public static int Write(CommandContext context, string verb, ProcessStatus status, string? name = null)
    {
        if (context.Json)
        {
            JsonOutput.Write(context.IO.Out, status, j => j.ProcessStatus);
        }
        else
        {
            var pid = status.Pid is { } p ? $" (pid {p})" : string.Empty;
            context.IO.Out.Write($"{verb} {name ?? status.Name}: {status.Status}{pid}\n");
        }

        if (!FailedStates.Contains(status.Status))
        {
            return ExitCodes.Ok;
        }

        context.Diagnostic($"pbm: {name ?? status.Name} is {status.Status}; 'pbm process describe {name ?? status.Name}' and 'pbm log tail {name ?? status.Name}' say why");
        return ExitCodes.Error;
    }
}
