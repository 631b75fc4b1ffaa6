using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Output;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Commands.Process;

/// <summary>
/// <c>pbm process apply FILE [--dry-run] [--prune]</c>: makes the apps of a file the declared ones, as a diff: adds
/// new apps, restarts only changed ones, removes the apps this same file declared before and no longer lists. Apps
/// started by hand or from another file are kept unless <c>--prune</c>; <c>--dry-run</c> prints the plan only.
/// </summary>
internal static class Apply
{
    /// <summary>Largest file pbm reads (the daemon's own limit, pbm.api.max-request-size, is usually lower).</summary>
    public const int MaxFileBytes = 16 * 1024 * 1024;

    /// <summary>Options.</summary>
    public sealed record Options(string File, bool DryRun = false, bool Prune = false);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "process",
        "apply",
        "Apply a process file: add, change, remove what this file declared; --dry-run shows the plan, --prune removes all others too",
        "FILE [--dry-run] [--prune]",
        true,
        args =>
        {
            var dryRun = args.Flag("--dry-run");
            var prune = args.Flag("--prune");
            return new Options(args.Positionals(1, 1, "FILE")[0], dryRun, prune);
        },
        RunAsync);

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        if (await ReadAsync(options.File, context).ConfigureAwait(false) is not { } text)
        {
            return ExitCodes.Error;
        }

        var request = new ApplyConfigRequest(text, Path.GetFullPath(options.File), options.DryRun, options.Prune);
        var what = options.DryRun ? $"planning {options.File}" : $"applying {options.File}";
        var result = await Progress.RunAsync(context, what, ct => context.Client.ApplyConfigAsync(request, ct)).ConfigureAwait(false);
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

        var kept = result.Kept ?? [];
        var verb = options.DryRun ? "would be " : string.Empty;
        output.Write($"{result.Added.Count} {verb}added, {result.Changed.Count} {verb}changed, {result.Removed.Count} {verb}removed, {result.Unchanged.Count} unchanged");
        output.Write(kept.Count > 0 ? $", {kept.Count} kept ({string.Join(", ", kept)}: not declared by this file; --prune removes them)\n" : "\n");
        if (options.DryRun)
        {
            context.Diagnostic("dry run: nothing changed");
        }

        return ExitCodes.Ok;
    }

    /// <summary>The file's text, read with a bound; null after saying why it cannot be read.</summary>
    internal static async Task<string?> ReadAsync(string file, CommandContext context)
    {
        try
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
            var buffer = new byte[Math.Min(MaxFileBytes + 1, stream.CanSeek ? (int)Math.Min(stream.Length + 1, MaxFileBytes + 1) : MaxFileBytes + 1)];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), context.Cancellation).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total == buffer.Length && buffer.Length <= MaxFileBytes)
                {
                    // The file grew while being read: make room, up to the bound.
                    Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxFileBytes + 1));
                }
            }

            if (total > MaxFileBytes)
            {
                context.Diagnostic($"pbm: {file} is larger than {MaxFileBytes / (1024 * 1024)} MiB; split it into several files");
                return null;
            }

            var bom = total >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0;
            return new System.Text.UTF8Encoding(false, true).GetString(buffer, bom, total - bom);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
        {
            context.Diagnostic($"pbm: cannot read {file}: {ex.Message}");
            return null;
        }
    }
}
