using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Commands.Node;

/// <summary><c>pbm node down NAME</c>: marks an unreachable node down so the cluster moves on without it.</summary>
internal static class Down
{
    /// <summary>Options.</summary>
    public sealed record Options(string Name);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "node", "down", "Mark a node down (for a node known dead; it cannot rejoin without a restart)", "NAME", false, Parse, RunAsync);

    /// <summary>Parses the arguments.</summary>
    public static Options Parse(ArgumentReader args) => new(Leave.NodeName(args));

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        await context.Client.DownNodeAsync(options.Name, context.Cancellation).ConfigureAwait(false);
        context.IO.Out.Write($"{options.Name} is marked down\n");
        return ExitCodes.Ok;
    }
}
