using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Output;

namespace ProcessManager.Cli.Commands.Plugin;

/// <summary><c>pbm plugin describe NAME</c>: the manifest and every worker.</summary>
internal static class Describe
{
    public sealed record Options(string Name);

    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "plugin", "describe", "Show one plugin: manifest, pool, workers", "NAME", true, args => new Options(PluginNameArgument.Read(args)), RunAsync);

    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        var d = await context.Client.DescribePluginAsync(options.Name, context.Cancellation).ConfigureAwait(false);
        if (context.Json)
        {
            JsonOutput.Write(context.IO.Out, d, j => j.PluginDescription);
            return ExitCodes.Ok;
        }
        var s = d.Summary;
        new Table("FIELD", "VALUE")
            .Add("name", s.Name)
            .Add("version", s.Version)
            .Add("state", s.State)
            .Add("manifest", d.Manifest)
            .Add("command", string.Join(' ', d.Command))
            .Add("protocol", Format.Number(d.Protocol))
            .Add("pool", $"min {d.PoolMin}, max {d.PoolMax}, queue {d.QueueCapacity}")
            .Add("recycle", $"after {d.MaxJobsPerWorker} jobs" + (d.MemoryLimitBytes is { } m ? $" or above {Format.Bytes(m)}" : ""))
            .Add("job-timeout", Format.Duration(d.JobTimeoutSeconds))
            .Add("subscriptions", d.Subscriptions.Count == 0 ? "-" : string.Join(", ", d.Subscriptions))
            .Add("generation", Format.Number(s.Generation))
            .Add("calls", $"{s.Invocations} ({s.Failures} failed), {s.Queued} queued")
            .Add("workers", $"{d.WorkersStarted} started, {d.WorkersRecycled} recycled, {d.WorkersFailed} failed")
            .Write(context.IO.Out, context.IO.IsOutputTerminal);
        context.IO.Out.WriteLine();
        var workers = new Table("PID", "STATE", "JOBS", "GENERATION");
        foreach (var w in d.WorkerList)
        {
            workers.Add(Format.Number(w.Pid), w.State, Format.Number(w.Jobs), Format.Number(w.Generation));
        }
        workers.Write(context.IO.Out, context.IO.IsOutputTerminal);
        return ExitCodes.Ok;
    }
}
