using ProcessManager.Cli.Commands.Process;
using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Commands.Log;

/// <summary><c>pbm log flush [NAME]</c>: writes buffered output to the log files now.</summary>
internal static class Flush
{
    /// <summary>Options; a null name flushes every process.</summary>
    public sealed record Options(string? Name);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "log", "flush", "Write buffered output to the log files now (one process or all)", "[NAME]", false, Parse, RunAsync);

    /// <summary>Parses the arguments.</summary>
    public static Options Parse(ArgumentReader args)
    {
        var names = args.Positionals(0, 1, "NAME");
        return new Options(names.Count == 1 ? ProcessNameArgument.Check(names[0]) : null);
    }

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        await context.Client.FlushLogsAsync(options.Name, context.Cancellation).ConfigureAwait(false);
        context.IO.Out.Write(options.Name is null ? "flushed all logs\n" : $"flushed {options.Name}\n");
        return ExitCodes.Ok;
    }
}
