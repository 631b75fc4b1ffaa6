using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Commands.Process;

/// <summary><c>pbm process delete NAME</c>: stops and forgets a process.</summary>
internal static class Delete
{
    /// <summary>Options.</summary>
    public sealed record Options(string Name);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "process", "delete", "Stop a process and forget it", "NAME", false, args => new Options(ProcessNameArgument.Read(args)), RunAsync);

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        await context.Client.DeleteProcessAsync(options.Name, context.Cancellation).ConfigureAwait(false);
        context.IO.Out.Write($"deleted {options.Name}\n");
        return ExitCodes.Ok;
    }
}
