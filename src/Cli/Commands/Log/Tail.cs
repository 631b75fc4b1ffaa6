using ProcessManager.Cli.Commands.Process;
using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Commands.Log;

/// <summary><c>pbm log tail NAME [-n N]</c>: the last N output lines.</summary>
internal static class Tail
{
    /// <summary>Options.</summary>
    public sealed record Options(string Name, int Lines);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "log", "tail", "Print the last lines a process wrote", "NAME [-n LINES]", true, Parse, RunAsync);

    /// <summary>Parses the arguments.</summary>
    public static Options Parse(ArgumentReader args)
    {
        var lines = args.Number("--lines", "-n", 50, 0, 10_000);
        return new Options(ProcessNameArgument.Read(args), lines);
    }

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        var lines = await context.Client.TailLogAsync(options.Name, options.Lines, context.Cancellation).ConfigureAwait(false);
        foreach (var line in lines)
        {
            LogOutput.Write(context, line);
        }

        return ExitCodes.Ok;
    }
}
