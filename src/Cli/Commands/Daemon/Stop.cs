using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Commands.Daemon;

/// <summary><c>pbm daemon stop</c>: coordinated shutdown; waits for a local daemon to exit.</summary>
internal static class Stop
{
    /// <summary>Options.</summary>
    public sealed record Options(TimeSpan Timeout);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "daemon", "stop", "Stop the daemon: programs are stopped in parallel, the journal is flushed", "[--timeout SECONDS]", false,
        args =>
        {
            var timeout = args.Number("--timeout", null, 90, 1, 3600);
            args.End();
            return new Options(TimeSpan.FromSeconds(timeout));
        },
        RunAsync);

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        var status = await context.Client.GetDaemonStatusAsync(context.Cancellation).ConfigureAwait(false);
        await context.Client.StopDaemonAsync(context.Cancellation).ConfigureAwait(false);
        // Only a daemon on this machine can be watched until its pid is gone (another node's pid is not one of ours).
        if (!context.Target.Endpoint.IsUnixSocket || context.Target.Node is not null)
        {
            context.IO.Out.Write($"pbmd (pid {status.Pid}) is stopping\n");
            return ExitCodes.Ok;
        }

        if (!await ProcessExitWaiter.WaitAsync(status.Pid, options.Timeout, context.Cancellation).ConfigureAwait(false))
        {
            context.Diagnostic($"pbm: pbmd (pid {status.Pid}) is still stopping after {options.Timeout.TotalSeconds:0} s");
            return ExitCodes.Error;
        }

        context.IO.Out.Write($"pbmd (pid {status.Pid}) stopped\n");
        return ExitCodes.Ok;
    }
}
