using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Output;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Commands.Process;

/// <summary>The one-line answer of start/stop/restart/scale, or the status as JSON.</summary>
internal static class StatusLine
{
    /// <summary>Writes the status.</summary>
    public static int Write(CommandContext context, string verb, ProcessStatus status)
    {
        if (context.Json)
        {
            JsonOutput.Write(context.IO.Out, status, j => j.ProcessStatus);
        }
        else
        {
            var pid = status.Pid is { } p ? $" (pid {p})" : string.Empty;
            context.IO.Out.Write($"{verb} {status.Name}: {status.Status}{pid}\n");
        }

        return ExitCodes.Ok;
    }
}
