using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Output;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Commands.Process;

/// <summary><c>pbm process list</c>: every process in an aligned table, or JSON.</summary>
internal static class List
{
    /// <summary>Options besides --json.</summary>
    /// <param name="AllNodes">Every cluster node's processes, with a NODE column.</param>
    public sealed record Options(bool AllNodes = false);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "process", "list", "List processes with status, pid, restarts, uptime, cpu and memory", "[--all-nodes]", true, Parse, RunAsync);

    /// <summary>Parses the arguments.</summary>
    public static Options Parse(ArgumentReader args)
    {
        var allNodes = args.Flag("--all-nodes");
        args.End();
        return new Options(allNodes);
    }

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        if (options.AllNodes)
        {
            return await AllNodes.RunAsync(context).ConfigureAwait(false);
        }

        var processes = await context.Client.ListProcessesAsync(context.Cancellation).ConfigureAwait(false);
        if (context.Json)
        {
            JsonOutput.Write(context.IO.Out, processes, j => j.IReadOnlyListProcessStatus);
            return ExitCodes.Ok;
        }

        if (processes.Count == 0 && context.IO.IsOutputTerminal)
        {
            context.Diagnostic("no processes; start one with 'pbm process start NAME -- COMMAND ARGS...' or 'pbm process apply FILE'");
            return ExitCodes.Ok;
        }

        Render(processes).Write(context.IO.Out, context.IO.IsOutputTerminal);
        return ExitCodes.Ok;
    }

    /// <summary>The table of processes, sorted by name then instance; INSTANCE is the name that addresses one (web-1).</summary>
    public static Table Render(IEnumerable<ProcessStatus> processes)
    {
        var table = new Table("NAME", "INSTANCE", "STATUS", "PID", "RESTARTS", "UPTIME", "CPU", "MEMORY");
        foreach (var p in processes.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Instance))
        {
            table.Add(p.Name, $"{p.Name}-{p.Instance}", p.Status, Format.Number(p.Pid), Format.Number(p.Restarts), Format.Duration(p.UptimeSeconds), Format.Percent(p.CpuPercent), Format.Bytes(p.MemoryBytes));
        }

        return table;
    }
}
