using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Output;

namespace ProcessManager.Cli.Commands.Plugin;

/// <summary><c>pbm plugin history [NAME] [--limit N]</c>: journaled invocation results and failures, newest first.</summary>
internal static class History
{
    public sealed record Options(string? Name, int Limit);

    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "plugin", "history", "Show journaled invocations (results and failures), newest first", "[NAME] [--limit N]", true, Parse, RunAsync);

    private static Options Parse(ArgumentReader args)
    {
        var limit = args.Number("--limit", "-n", 50, 1, 100_000);
        var names = args.Positionals(0, 1, "[NAME]");
        return new Options(names.Count == 0 ? null : PluginNameArgument.Check(names[0]), limit);
    }

    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        var entries = await context.Client.GetPluginHistoryAsync(options.Name ?? "-", options.Limit, context.Cancellation).ConfigureAwait(false);
        if (context.Json)
        {
            JsonOutput.Write(context.IO.Out, entries, j => j.IReadOnlyListPluginHistoryEntry);
            return ExitCodes.Ok;
        }
        var table = new Table("TIME", "PLUGIN", "METHOD", "CODE", "MS", "PID", "SUMMARY");
        foreach (var e in entries)
        {
            table.Add(Format.Time(e.At), e.Plugin, e.Method, e.Code, Format.Number(e.DurationMs, "0.###"), Format.Number(e.WorkerPid), e.Summary);
        }
        table.Write(context.IO.Out, context.IO.IsOutputTerminal);
        return ExitCodes.Ok;
    }
}
