using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Output;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Commands.Node;

/// <summary><c>pbm node list</c>: the cluster's members as the daemon sees them.</summary>
internal static class List
{
    /// <summary>No options besides --json.</summary>
    public sealed record Options;

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "node", "list", "List the cluster's nodes: address, status, reachability, roles, uptime, programs, version", string.Empty, true, Parse, RunAsync);

    /// <summary>Parses the arguments.</summary>
    public static Options Parse(ArgumentReader args)
    {
        args.End();
        return new Options();
    }

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        var nodes = await context.Client.ListNodesAsync(context.Cancellation).ConfigureAwait(false);
        if (context.Json)
        {
            JsonOutput.Write(context.IO.Out, nodes, j => j.IReadOnlyListNodeStatus);
            return ExitCodes.Ok;
        }

        Render(nodes).Write(context.IO.Out, context.IO.IsOutputTerminal);
        return ExitCodes.Ok;
    }

    /// <summary>The table of nodes, by name; the answering daemon's marked with '*'.</summary>
    public static Table Render(IEnumerable<NodeStatus> nodes)
    {
        var table = new Table("NAME", "ADDRESS", "STATUS", "REACHABLE", "ROLES", "UPTIME", "PROGRAMS", "VERSION");
        foreach (var n in nodes.OrderBy(n => n.Name, StringComparer.Ordinal))
        {
            table.Add(
                n.Self ? n.Name + " *" : n.Name,
                n.Address,
                n.Status,
                n.Reachable ? "yes" : "no",
                n.Roles.Count == 0 ? "-" : string.Join(',', n.Roles),
                Format.Duration(n.UptimeSeconds),
                Format.Number(n.Programs),
                n.Version ?? "-");
        }

        return table;
    }
}
