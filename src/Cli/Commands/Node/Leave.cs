using ProcessManager.Cli.Infrastructure;
using ProcessManager.Contracts;

namespace ProcessManager.Cli.Commands.Node;

/// <summary><c>pbm node leave NAME</c>: the node leaves the cluster gracefully (its daemon then stops its programs and exits).</summary>
internal static class Leave
{
    /// <summary>Options.</summary>
    public sealed record Options(string Name);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "node", "leave", "Make a node leave the cluster (its singleton apps move; its daemon exits)", "NAME", false, Parse, RunAsync);

    /// <summary>Parses the arguments.</summary>
    public static Options Parse(ArgumentReader args) => new(NodeName(args));

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        await context.Client.LeaveNodeAsync(options.Name, context.Cancellation).ConfigureAwait(false);
        context.IO.Out.Write($"{options.Name} is leaving the cluster\n");
        return ExitCodes.Ok;
    }

    /// <summary>The NAME argument, checked against the naming rule.</summary>
    public static string NodeName(ArgumentReader args)
    {
        var name = args.Positionals(1, 1, "NAME")[0];
        return ProcessNames.IsValid(name) ? name : throw new UsageException($"'{name}' is not a node name ({ProcessNames.Rule})");
    }
}
