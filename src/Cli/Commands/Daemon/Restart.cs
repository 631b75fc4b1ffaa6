using ProcessManager.Cli.Infrastructure;
using ProcessManager.Contracts.Client;

namespace ProcessManager.Cli.Commands.Daemon;

/// <summary><c>pbm daemon restart</c>: the daemon starts again in place (same pid); programs keep running and are adopted.</summary>
internal static class Restart
{
    /// <summary>Options.</summary>
    public sealed record Options(TimeSpan Timeout);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "daemon", "restart", "Restart the daemon in place (same pid, e.g. after an upgrade): programs keep running, output still captured", "[--timeout SECONDS]", false,
        args =>
        {
            var timeout = args.Number("--timeout", null, 90, 1, 3600);
            args.End();
            return new Options(TimeSpan.FromSeconds(timeout));
        },
        RunAsync);

    /// <summary>Runs the command: asks for the restart, then waits until the new image answers.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        var before = await context.Client.GetDaemonStatusAsync(context.Cancellation).ConfigureAwait(false);
        var asked = System.Diagnostics.Stopwatch.StartNew();
        await context.Client.RestartDaemonAsync(context.Cancellation).ConfigureAwait(false);
        while (asked.Elapsed < options.Timeout)
        {
            await Task.Delay(100, context.Cancellation).ConfigureAwait(false);
            try
            {
                var now = await context.Client.GetDaemonStatusAsync(context.Cancellation).ConfigureAwait(false);
                // The new image's uptime started after the request; the old one's did not.
                if (now.UptimeSeconds <= asked.Elapsed.TotalSeconds)
                {
                    var how = now.Pid == before.Pid ? "in place" : $"as pid {now.Pid}";
                    context.IO.Out.Write($"pbmd (pid {before.Pid}) restarted {how}; {now.ProcessCount} programs kept\n");
                    return ExitCodes.Ok;
                }
            }
            catch (Exception error) when (error is DaemonUnreachableException or HttpRequestException or PbmApiException or IOException)
            {
                // Not answering yet (or recovering): the new image is starting.
            }
        }

        context.Diagnostic($"pbm: pbmd (pid {before.Pid}) did not answer again within {options.Timeout.TotalSeconds:0} s; see $PBM_HOME/logs/pbmd.log");
        return ExitCodes.Error;
    }
}
