using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Commands.Process;

/// <summary><c>pbm process delete NAME...</c>: stops and forgets processes (several, globs and 'all' in one call).</summary>
internal static class Delete
{
    /// <summary>Options.</summary>
    public sealed record Options(IReadOnlyList<string> Targets);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "process", "delete", "Stop processes and forget them; several, globs and 'all' in one call", "NAME|GLOB|all...", true, args => new Options(Targets.Read(args)), RunAsync);

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        if (!Targets.IsSingle(options.Targets))
        {
            return await BulkRun.RunAsync("delete", options.Targets, context).ConfigureAwait(false);
        }

        var name = options.Targets[0];
        await context.Client.DeleteProcessAsync(name, context.Cancellation).ConfigureAwait(false);
        if (context.Json)
        {
            Output.JsonOutput.Write(context.IO.Out, new Contracts.Dtos.BulkItemResult(name, true, null, null), j => j.BulkItemResult);
        }
        else
        {
            context.IO.Out.Write($"deleted {name}\n");
        }

        return ExitCodes.Ok;
    }
}
