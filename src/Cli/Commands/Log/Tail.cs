using ProcessManager.Cli.Commands.Process;
using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Commands.Log;

/// <summary>
/// <c>pbm log tail [NAME...] [-n N]</c>: the last N output lines of one process, or of several (names, NAME-INDEX,
/// globs; none = every process) merged by time, each line prefixed by its instance.
/// </summary>
internal static class Tail
{
    /// <summary>Options.</summary>
    public sealed record Options(IReadOnlyList<string> Names, int Lines);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "log", "tail", "Print the last lines processes wrote (one, several, globs, or all when none is named)", "[NAME|GLOB...] [-n LINES]", true, Parse, RunAsync);

    /// <summary>Parses the arguments.</summary>
    public static Options Parse(ArgumentReader args)
    {
        var lines = args.Number("--lines", "-n", 50, 0, 10_000);
        return new Options(Targets.Check(args.Positionals(0, Targets.MaxTargets, "NAME")), lines);
    }

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        var single = Targets.IsSingle(options.Names);
        var lines = single
            ? await context.Client.TailLogAsync(options.Names[0], options.Lines, context.Cancellation).ConfigureAwait(false)
            : await context.Client.TailLogsAsync(options.Names, options.Lines, context.Cancellation).ConfigureAwait(false);
        foreach (var line in lines)
        {
            LogOutput.Write(context, line, prefixed: !single);
        }

        return ExitCodes.Ok;
    }
}
