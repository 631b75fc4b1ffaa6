using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Commands.Process;

/// <summary><c>pbm process stop NAME...</c>: one process, an instance (web-1), several, a glob, or all.</summary>
internal static class Stop
{
    /// <summary>Options.</summary>
    public sealed record Options(IReadOnlyList<string> Targets);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "process", "stop", "Stop processes (they stay declared); several, globs and 'all' in one call", Targets.Usage, true, args => new Options(Targets.Read(args)), RunAsync);

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        if (!Targets.IsSingle(options.Targets))
        {
            return await BulkRun.RunAsync("stop", options.Targets, context).ConfigureAwait(false);
        }

        var name = options.Targets[0];
        var status = await context.Client.StopProcessAsync(name, context.Cancellation).ConfigureAwait(false);
        return StatusLine.Write(context, "stopped", status, name);
    }
}
