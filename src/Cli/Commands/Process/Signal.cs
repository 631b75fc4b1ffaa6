using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Output;

namespace ProcessManager.Cli.Commands.Process;

/// <summary>
/// <c>pbm process signal NAME|NAME-INDEX SIGNAL</c>: sends a signal (SIGHUP to reload, SIGUSR1, ...) to the running
/// programs of an app or of one instance, each to its process group; nothing is stopped or restarted by pbm.
/// </summary>
internal static class Signal
{
    /// <summary>Options.</summary>
    public sealed record Options(string Name, string Signal);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "process",
        "signal",
        "Send a signal (SIGHUP, USR1, 10, ...) to the running programs of an app or one instance (NAME-INDEX), to each process group",
        "NAME|NAME-INDEX SIGNAL",
        true,
        args =>
        {
            var positionals = args.Positionals(2, 2, "NAME and SIGNAL");
            return new Options(Targets.Check([positionals[0]])[0], positionals[1]);
        },
        RunAsync);

    /// <summary>Runs the command; Error when no program was running to get it.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        var result = await context.Client.SignalProcessAsync(options.Name, options.Signal, context.Cancellation).ConfigureAwait(false);
        if (context.Json)
        {
            JsonOutput.Write(context.IO.Out, result, j => j.SignalResult);
        }
        else if (result.Signalled.Count > 0)
        {
            context.IO.Out.Write($"sent {result.Signal} to {string.Join(", ", result.Signalled.Select(one => $"{one.Instance} (pid {one.Pid})"))}\n");
        }

        if (result.Signalled.Count > 0)
        {
            return ExitCodes.Ok;
        }

        context.Diagnostic($"pbm: {options.Name} has no running program; nothing got {result.Signal}");
        return ExitCodes.Error;
    }
}
