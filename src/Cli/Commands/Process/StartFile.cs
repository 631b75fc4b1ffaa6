using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Output;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Commands.Process;

/// <summary>
/// <c>pbm process start FILE [APP]</c>: declares and starts the file's one app (or the app named), leaving every other
/// app alone; an apply, by contrast, makes the whole file the declared set.
/// </summary>
internal static class StartFile
{
    private static readonly string[] Extensions = [".conf", ".hocon", ".json"];

    /// <summary>
    /// File mode when the first argument is an existing file: one with a configuration extension, or a path (an app name
    /// never holds '/'). Anything else is a process name, so an app called <c>api.conf</c> stays reachable while no such
    /// file is in the current directory.
    /// </summary>
    public static Start.Options? Detect(ArgumentReader args)
    {
        if (args.PeekPositional() is not { } first
            || !(Extensions.Any(ext => first.EndsWith(ext, StringComparison.OrdinalIgnoreCase)) || first.Contains('/', StringComparison.Ordinal))
            || !File.Exists(first))
        {
            return null;
        }

        var positionals = args.Positionals(1, 2, "FILE [APP]");
        return new Start.Options([], [], null, new Dictionary<string, string>(), null, null, positionals[0], positionals.Count > 1 ? positionals[1] : null);
    }

    /// <summary>Reads the file (bounded, like apply) and sends it with the app's name.</summary>
    public static async Task<int> RunAsync(Start.Options options, CommandContext context)
    {
        var file = options.File!;
        if (await Apply.ReadAsync(file, context).ConfigureAwait(false) is not { } text)
        {
            return ExitCodes.Error;
        }

        var request = new StartFileRequest(text, Path.GetFullPath(file), options.App);
        var status = await Progress.RunAsync(context, $"starting {options.App ?? "the app"} of {file}", ct => context.Client.StartFileAsync(request, ct)).ConfigureAwait(false);
        return StatusLine.Write(context, "started", status, status.Name);
    }
}
