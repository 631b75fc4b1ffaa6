using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Output;

namespace ProcessManager.Cli.Commands.Stats;

/// <summary><c>pbm stats memory</c>: the daemon's RSS, GC heap and the use of each bounded buffer.</summary>
internal static class Memory
{
    /// <summary>Options.</summary>
    public sealed record Options;

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "stats", "memory", "Daemon memory: RSS, GC heap, per-subsystem buffer use", string.Empty, true,
        args =>
        {
            args.End();
            return new Options();
        },
        RunAsync);

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        var m = await context.Client.GetMemoryStatsAsync(context.Cancellation).ConfigureAwait(false);
        if (context.Json)
        {
            JsonOutput.Write(context.IO.Out, m, j => j.MemoryStats);
            return ExitCodes.Ok;
        }

        new Table("METRIC", "VALUE")
            .Add("rss", Format.Bytes(m.ResidentBytes))
            .Add("managed-heap", Format.Bytes(m.ManagedHeapBytes))
            .Add("gc-committed", Format.Bytes(m.GcCommittedBytes))
            .Add("gc-collections", $"{m.Gen0Collections}/{m.Gen1Collections}/{m.Gen2Collections}")
            .Write(context.IO.Out, context.IO.IsOutputTerminal);
        context.IO.Out.Write('\n');
        var buffers = new Table("SUBSYSTEM", "BUFFER", "USED", "CAPACITY", "DROPPED");
        foreach (var b in m.Buffers)
        {
            buffers.Add(b.Subsystem, b.Name, Format.Number(b.Used), b.Capacity > 0 ? Format.Number(b.Capacity) : "-", b.Dropped is { } dropped ? Format.Number(dropped) : "-");
        }

        buffers.Write(context.IO.Out, context.IO.IsOutputTerminal);
        return ExitCodes.Ok;
    }
}
