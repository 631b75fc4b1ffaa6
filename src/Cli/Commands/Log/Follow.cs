using ProcessManager.Cli.Commands.Process;
using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Commands.Log;

/// <summary><c>pbm log follow NAME [-n N]</c>: the last N lines, then new ones until Ctrl-C (which ends it with 0).</summary>
internal static class Follow
{
    /// <summary>Options.</summary>
    public sealed record Options(string Name, int Lines);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "log", "follow", "Print a process's output as it is written, until Ctrl-C", "NAME [-n LINES]", true, Parse, RunAsync);

    /// <summary>Parses the arguments.</summary>
    public static Options Parse(ArgumentReader args)
    {
        var lines = args.Number("--lines", "-n", 10, 0, 10_000);
        return new Options(ProcessNameArgument.Read(args), lines);
    }

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        try
        {
            await foreach (var line in context.Client.FollowLogAsync(options.Name, options.Lines, context.Cancellation).ConfigureAwait(false))
            {
                LogOutput.Write(context, line);
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
