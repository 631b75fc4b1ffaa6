using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Output;

namespace ProcessManager.Cli.Commands.Plugin;

/// <summary><c>pbm plugin list</c>: the plugins loaded, their pools, and the manifests skipped (to stderr).</summary>
internal static class List
{
    public sealed record Options;

    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "plugin", "list", "List plugins, their workers, and manifests that were skipped", "", true, args =>
        {
            args.End();
            return new Options();
        }, RunAsync);

    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        var result = await context.Client.ListPluginsAsync(context.Cancellation).ConfigureAwait(false);
        if (context.Json)
        {
            JsonOutput.Write(context.IO.Out, result, j => j.PluginListResult);
            return ExitCodes.Ok;
        }
        var table = new Table("NAME", "VERSION", "STATE", "WORKERS", "BUSY", "QUEUED", "CALLS", "FAILED", "DIRECTORY");
        foreach (var p in result.Plugins)
        {
            table.Add(p.Name, p.Version, p.State, Format.Number(p.Workers), Format.Number(p.Busy), Format.Number(p.Queued), Format.Number(p.Invocations), Format.Number(p.Failures), p.Directory);
        }
        table.Write(context.IO.Out, context.IO.IsOutputTerminal);
        foreach (var problem in result.Problems)
        {
            context.Diagnostic($"skipped {problem.Directory}:");
            foreach (var error in problem.Errors)
            {
                context.Diagnostic("  " + error);
            }
        }
        return ExitCodes.Ok;
    }
}
