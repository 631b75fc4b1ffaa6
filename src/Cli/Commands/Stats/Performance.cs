using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Output;

namespace ProcessManager.Cli.Commands.Stats;

/// <summary><c>pbm stats performance</c>: uptime, process counts, API command latency percentiles.</summary>
internal static class Performance
{
    /// <summary>Options.</summary>
    public sealed record Options;

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "stats", "performance", "Daemon performance: uptime, processes, command latency percentiles", string.Empty, true,
        args =>
        {
            args.End();
            return new Options();
        },
        RunAsync);

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        var p = await context.Client.GetPerformanceStatsAsync(context.Cancellation).ConfigureAwait(false);
        if (context.Json)
        {
            JsonOutput.Write(context.IO.Out, p, j => j.PerformanceStats);
            return ExitCodes.Ok;
        }

        new Table("METRIC", "VALUE")
            .Add("uptime", Format.Duration(p.UptimeSeconds))
            .Add("processes", Format.Number(p.ProcessCount))
            .Add("running", Format.Number(p.RunningCount))
            .Add("commands", Format.Number(p.CommandsServed))
            .Add("latency-p50", Format.Number(p.LatencyP50Ms, "0.00") + " ms")
            .Add("latency-p90", Format.Number(p.LatencyP90Ms, "0.00") + " ms")
            .Add("latency-p99", Format.Number(p.LatencyP99Ms, "0.00") + " ms")
            .Add("latency-max", Format.Number(p.LatencyMaxMs, "0.00") + " ms")
            .Add("open-streams", Format.Number(p.ActiveStreams))
            .Write(context.IO.Out, context.IO.IsOutputTerminal);
        return ExitCodes.Ok;
    }
}
