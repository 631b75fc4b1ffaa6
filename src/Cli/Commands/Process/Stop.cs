using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Commands.Process;

/// <summary><c>pbm process stop NAME</c>.</summary>
internal static class Stop
{
    /// <summary>Options.</summary>
    public sealed record Options(string Name);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "process", "stop", "Stop a process (it stays declared)", "NAME", true, args => new Options(ProcessNameArgument.Read(args)), RunAsync);

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        var status = await context.Client.StopProcessAsync(options.Name, context.Cancellation).ConfigureAwait(false);
        return StatusLine.Write(context, "stopped", status);
    }
}
