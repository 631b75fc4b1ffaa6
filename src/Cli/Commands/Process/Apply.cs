using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Output;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Commands.Process;

/// <summary><c>pbm process apply FILE</c>: declares the processes of a file as a diff; only what changed restarts.</summary>
internal static class Apply
{
    /// <summary>Options.</summary>
    public sealed record Options(string File);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "process", "apply", "Apply a process configuration file: add, change, remove; unchanged ones keep running", "FILE", true,
        args => new Options(args.Positionals(1, 1, "FILE")[0]), RunAsync);

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(options.File, context.Cancellation).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Diagnostic($"pbm: cannot read {options.File}: {ex.Message}");
            return ExitCodes.Error;
        }

        var request = new ApplyConfigRequest(text, Path.GetFullPath(options.File));
        var result = await Progress.RunAsync(context, $"applying {options.File}", ct => context.Client.ApplyConfigAsync(request, ct)).ConfigureAwait(false);
        if (context.Json)
        {
            JsonOutput.Write(context.IO.Out, result, j => j.ApplyConfigResult);
            return ExitCodes.Ok;
        }

        var output = context.IO.Out;
        foreach (var name in result.Added)
        {
            output.Write($"+ {name}\n");
        }

        foreach (var name in result.Changed)
        {
            output.Write($"~ {name}\n");
        }

        foreach (var name in result.Removed)
        {
            output.Write($"- {name}\n");
        }

        output.Write($"{result.Added.Count} added, {result.Changed.Count} changed, {result.Removed.Count} removed, {result.Unchanged.Count} unchanged\n");
        return ExitCodes.Ok;
    }
}
