using System.Diagnostics;
using ProcessManager.Cli.Infrastructure;
using ProcessManager.Contracts.Client;

namespace ProcessManager.Cli.Commands.Daemon;

/// <summary><c>pbm daemon start</c>: starts pbmd in the background unless one already answers, and waits until it is ready.</summary>
internal static class Start
{
    /// <summary>Options.</summary>
    public sealed record Options(string? ConfigFile, TimeSpan Timeout);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "daemon", "start", "Start the daemon in the background (if none runs) and wait until it answers", "[--config FILE] [--timeout SECONDS]", false,
        args =>
        {
            var config = args.Value("--config");
            var timeout = args.Number("--timeout", null, 30, 1, 600);
            args.End();
            return new Options(config is null ? null : Path.GetFullPath(config), TimeSpan.FromSeconds(timeout));
        },
        RunAsync);

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        if (!context.Target.Endpoint.IsUnixSocket)
        {
            context.Diagnostic($"pbm: 'daemon start' starts a local daemon; {context.Target.Endpoint} is remote");
            return ExitCodes.Usage;
        }

        try
        {
            var status = await context.Client.GetDaemonStatusAsync(context.Cancellation).ConfigureAwait(false);
            context.IO.Out.Write($"pbmd already running (pid {status.Pid}) at {context.Target.Endpoint}\n");
            return ExitCodes.Ok;
        }
        catch (DaemonUnreachableException)
        {
            // None runs: start one.
        }

        var start = DaemonLocator.Find(context.Environment);
        if (start is null)
        {
            context.Diagnostic("pbm: cannot find pbmd next to pbm; set PBM_DAEMON to its path, or run 'dotnet run --project src/Daemon'");
            return ExitCodes.Error;
        }

        start.ArgumentList.Add("--background");
        if (options.ConfigFile is not null)
        {
            start.ArgumentList.Add("--config");
            start.ArgumentList.Add(options.ConfigFile);
        }

        var socketPath = context.Target.Endpoint.SocketPath!;
        if (context.Target.Source == "default")
        {
            start.ArgumentList.Add("--home");
            start.ArgumentList.Add(Path.GetDirectoryName(socketPath)!);
        }

        start.UseShellExecute = false;

        // Not the caller's directory: a daemon that outlives the shell must not hold it (or resolve paths against it).
        start.WorkingDirectory = "/";
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var daemon = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("pbmd did not start");
        daemon.StandardInput.Close();

        // pbmd prints "ready PID SOCKET" once its API answers, then detaches its output: readiness by notification.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
        timeout.CancelAfter(options.Timeout);
        string? line;
        var earlier = new List<string>();
        try
        {
            // Log lines may come before the readiness line; keep them for an error report.
            while ((line = await daemon.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false)) is not null
                && !line.StartsWith("ready ", StringComparison.Ordinal))
            {
                earlier.Add(line);
            }
        }
        catch (OperationCanceledException) when (!context.Cancellation.IsCancellationRequested)
        {
            context.Diagnostic($"pbm: pbmd (pid {daemon.Id}) did not become ready within {options.Timeout.TotalSeconds:0} s; see $PBM_HOME/logs/pbmd.log");
            return ExitCodes.Error;
        }

        if (line is null)
        {
            // Output closed without readiness: pbmd failed to start and is exiting.
            var error = await daemon.StandardError.ReadToEndAsync(timeout.Token).ConfigureAwait(false);
            foreach (var earlierLine in earlier)
            {
                context.Diagnostic(earlierLine);
            }

            context.Diagnostic(error.Trim().Length > 0 ? error.Trim() : "pbm: pbmd exited before it was ready");
            return ExitCodes.Error;
        }

        var parts = line.Split(' ', 3);
        context.IO.Out.Write($"pbmd started (pid {parts[1]}) at unix:{(parts.Length > 2 ? parts[2] : socketPath)}\n");
        return ExitCodes.Ok;
    }
}
