using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Commands.Process;

/// <summary><c>pbm process restart NAME</c>.</summary>
internal static class Restart
{
    /// <summary>Options.</summary>
    public sealed record Options(string Name);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "process", "restart", "Restart a process", "NAME", true, args => new Options(ProcessNameArgument.Read(args)), RunAsync);

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        var status = await context.Client.RestartProcessAsync(options.Name, context.Cancellation).ConfigureAwait(false);
        return StatusLine.Write(context, "restarted", status);
    }
}
