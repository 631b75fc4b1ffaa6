using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Output;

namespace ProcessManager.Cli.Commands.Process;

/// <summary><c>pbm process history NAME</c>: the persisted state changes, oldest first.</summary>
internal static class History
{
    /// <summary>Options.</summary>
    public sealed record Options(string Name);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "process", "history", "Show the persisted state changes of a process", "NAME", true, args => new Options(ProcessNameArgument.Read(args)), RunAsync);

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        var entries = await context.Client.GetHistoryAsync(options.Name, context.Cancellation).ConfigureAwait(false);
        if (context.Json)
        {
            JsonOutput.Write(context.IO.Out, entries, j => j.IReadOnlyListHistoryEntry);
            return ExitCodes.Ok;
        }

        var table = new Table("SEQ", "TIME", "EVENT", "DETAIL");
        foreach (var e in entries)
        {
            table.Add(Format.Number(e.SequenceNr), Format.Time(e.Timestamp), e.Event, e.Detail);
        }

        table.Write(context.IO.Out, context.IO.IsOutputTerminal);
        return ExitCodes.Ok;
    }
}
