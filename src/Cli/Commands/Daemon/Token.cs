using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Output;

namespace ProcessManager.Cli.Commands.Daemon;

/// <summary><c>pbm daemon token rotate</c>: replaces the TCP bearer token (the old one stops working at once).</summary>
internal static class Token
{
    /// <summary>Options.</summary>
    public sealed record Options(string Action);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "daemon", "token", "Rotate the TCP bearer token: pbm daemon token rotate", "rotate", true,
        args =>
        {
            var action = args.Positionals(1, 1, "an action (rotate)")[0];
            return action == "rotate" ? new Options(action) : throw new UsageException($"unknown token action '{action}'; use 'rotate'");
        },
        RunAsync);

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        var rotation = await context.Client.RotateTokenAsync(context.Cancellation).ConfigureAwait(false);
        if (context.Json)
        {
            JsonOutput.Write(context.IO.Out, rotation, j => j.TokenRotation);
        }
        else
        {
            context.IO.Out.Write($"token rotated; the new token is in {rotation.TokenFile}\n");
        }

        return ExitCodes.Ok;
    }
}
