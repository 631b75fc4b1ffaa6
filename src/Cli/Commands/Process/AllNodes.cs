using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Output;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Commands.Process;

/// <summary><c>pbm process list --all-nodes</c>: every cluster node's processes in one table with a NODE column.</summary>
internal static class AllNodes
{
    /// <summary>Lists; a node that did not answer is reported on stderr and makes the exit code non-zero.</summary>
    public static async Task<int> RunAsync(CommandContext context)
    {
        var nodes = await context.Client.ListProcessesOfAllNodesAsync(context.Cancellation).ConfigureAwait(false);
        if (context.Json)
        {
            JsonOutput.Write(context.IO.Out, nodes, j => j.IReadOnlyListNodeProcesses);
        }
        else
        {
            Render(nodes).Write(context.IO.Out, context.IO.IsOutputTerminal);
        }

        var failed = 0;
        foreach (var node in nodes.Where(n => n.Error is not null))
        {
            context.Diagnostic($"pbm: node {node.Node}: {node.Error}");
            failed++;
        }

        return failed == 0 ? ExitCodes.Ok : ExitCodes.Error;
    }

    /// <summary>The merged table, by node then name.</summary>
    public static Table Render(IEnumerable<NodeProcesses> nodes)
    {
        var table = new Table("NODE", "NAME", "STATUS", "PID", "RESTARTS", "UPTIME", "CPU", "MEMORY");
        foreach (var node in nodes.OrderBy(n => n.Node, StringComparer.Ordinal))
        {
            foreach (var p in node.Processes.OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                table.Add(node.Node, p.Name, p.Status, Format.Number(p.Pid), Format.Number(p.Restarts), Format.Duration(p.UptimeSeconds), Format.Percent(p.CpuPercent), Format.Bytes(p.MemoryBytes));
            }
        }

        return table;
    }
}
