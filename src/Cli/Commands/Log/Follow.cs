using ProcessManager.Cli.Commands.Process;
using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Commands.Log;

/// <summary>
/// <c>pbm log follow [NAME...] [-n N]</c>: the last N lines, then new ones until Ctrl-C (which ends it with 0); of one
/// process, or of several (names, NAME-INDEX, globs; none = every process) in one stream, each line prefixed by its
/// instance.
/// </summary>
internal static class Follow
{
    /// <summary>Options.</summary>
    public sealed record Options(IReadOnlyList<string> Names, int Lines);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "log", "follow", "Print processes' output as it is written, until Ctrl-C (one, several, globs, or all when none is named)", "[NAME|GLOB...] [-n LINES]", true, Parse, RunAsync);

    /// <summary>Parses the arguments.</summary>
    public static Options Parse(ArgumentReader args)
    {
        var lines = args.Number("--lines", "-n", 10, 0, 10_000);
        return new Options(Targets.Check(args.Positionals(0, Targets.MaxTargets, "NAME")), lines);
    }

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        var single = Targets.IsSingle(options.Names);
        try
        {
            var stream = single
                ? context.Client.FollowLogAsync(options.Names[0], options.Lines, context.Cancellation)
                : context.Client.FollowLogsAsync(options.Names, options.Lines, context.Cancellation);
            await foreach (var line in stream.ConfigureAwait(false))
            {
                LogOutput.Write(context, line, prefixed: !single);
                await context.IO.Out.FlushAsync(context.Cancellation).ConfigureAwait(false);
            }

            context.Diagnostic("pbm: the daemon ended the stream");
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            // Ctrl-C is how a follow is meant to end.
            return ExitCodes.Ok;
        }
    }
}
