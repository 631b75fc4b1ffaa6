using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Commands.Process;

/// <summary>
/// <c>pbm process restart NAME...</c>. An app with several instances restarts rolling: one instance at a time, each
/// running again before the next stops. Several names, globs and 'all' go in one call and restart in parallel.
/// </summary>
internal static class Restart
{
    /// <summary>Options.</summary>
    public sealed record Options(IReadOnlyList<string> Targets);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "process", "restart", "Restart processes (an app's instances one at a time); several, globs and 'all' in one call", Targets.Usage, true, args => new Options(Targets.Read(args)), RunAsync);

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        if (!Targets.IsSingle(options.Targets))
        {
            return await BulkRun.RunAsync("restart", options.Targets, context).ConfigureAwait(false);
        }

        var name = options.Targets[0];
        var status = await context.Client.RestartProcessAsync(name, context.Cancellation).ConfigureAwait(false);
        return StatusLine.Write(context, "restarted", status, name);
    }
}
