using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Output;

namespace ProcessManager.Cli.Commands.Daemon;

/// <summary><c>pbm daemon status</c>: pid, version, where it listens, uptime; exit code 3 when none runs.</summary>
internal static class Status
{
    /// <summary>Options.</summary>
    public sealed record Options;

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "daemon", "status", "Show whether the daemon runs, its pid, version, endpoints and uptime", string.Empty, true,
        args =>
        {
            args.End();
            return new Options();
        },
        RunAsync);

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        var s = await context.Client.GetDaemonStatusAsync(context.Cancellation).ConfigureAwait(false);
        if (context.Json)
        {
            JsonOutput.Write(context.IO.Out, s, j => j.DaemonStatus);
            return ExitCodes.Ok;
        }

        new Table("FIELD", "VALUE")
            .Add("status", "running")
            .Add("pid", Format.Number(s.Pid))
            .Add("version", s.Version)
            .Add("home", s.PbmHome)
            .Add("socket", s.UnixSocket)
            .Add("tcp", s.TcpEndpoint ?? "off")
            .Add("uptime", Format.Duration(s.UptimeSeconds))
            .Add("processes", Format.Number(s.ProcessCount))
            .Add("journal", s.JournalWritesRefused == 0
                ? "ok"
                : $"{Format.Number(s.JournalWritesRefused)} writes refused since start; last at {s.LastJournalErrorAt:u}: {s.LastJournalError}")
            .Write(context.IO.Out, context.IO.IsOutputTerminal);
        return ExitCodes.Ok;
    }
}
