using ProcessManager.Cli.Infrastructure;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Commands.Process;

/// <summary>
/// <c>pbm process start NAME [options] [-- CMD ARGS...]</c>: starts declared processes (several, an instance, globs,
/// 'all'), or a program ad hoc. An ad hoc program runs in the caller's directory unless --cwd says otherwise, so
/// <c>-- ./run.sh</c> is the script where pbm was run.
/// </summary>
internal static class Start
{
    /// <summary>Options.</summary>
    /// <param name="Targets">The names; exactly one with a command.</param>
    public sealed record Options(
        IReadOnlyList<string> Targets,
        IReadOnlyList<string> Command,
        string? WorkingDirectory,
        IReadOnlyDictionary<string, string> Environment,
        string? RestartPolicy,
        int? Instances,
        string? File = null,
        string? App = null);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "process",
        "start",
        "Start declared processes (several, globs, 'all'), one app of a file (FILE.conf [APP], others untouched), or a program ad hoc after -- (in the current directory unless --cwd)",
        "NAME... | FILE [APP] | NAME [--cwd DIR] [--env K=V]... [--restart always|on-failure|never] [--instances N] -- CMD ARGS...",
        true,
        Parse,
        RunAsync);

    /// <summary>Parses the arguments.</summary>
    public static Options Parse(ArgumentReader args)
    {
        var cwd = args.Value("--cwd");
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in args.Values("--env", "-e"))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new UsageException($"--env takes KEY=VALUE, not '{pair}'");
            }

            env[pair[..equals]] = pair[(equals + 1)..];
        }

        var restart = args.Value("--restart");
        var instancesText = args.Value("--instances");
        int? instances = null;
        if (instancesText is not null)
        {
            instances = int.TryParse(instancesText, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 1000
                ? n
                : throw new UsageException($"--instances must be 1-1000, not '{instancesText}'");
        }

        if (args.HasSeparator && args.Rest.Count == 0)
        {
            throw new UsageException("nothing after '--': give the program and its arguments");
        }

        if (args.HasSeparator)
        {
            // The caller's directory, sent as an absolute path: the daemon's own directory means nothing to the caller.
            return new Options([ProcessNameArgument.Read(args)], args.Rest, Path.GetFullPath(cwd ?? Directory.GetCurrentDirectory()), env, restart, instances);
        }

        if (!args.HasSeparator && StartFile.Detect(args) is { } fromFile)
        {
            return cwd is not null || env.Count > 0 || restart is not null || instances is not null
                ? throw new UsageException("--cwd, --env, --restart and --instances describe an ad hoc program; a file's app takes them from the file")
                : fromFile;
        }

        var targets = Targets.Read(args);
        if (cwd is not null || env.Count > 0 || restart is not null || instances is not null)
        {
            throw new UsageException("--cwd, --env, --restart and --instances describe an ad hoc program: give it after '--'");
        }

        return new Options(targets, [], null, env, null, null);
    }

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        if (options.File is not null)
        {
            return await StartFile.RunAsync(options, context).ConfigureAwait(false);
        }

        if (options.Command.Count == 0 && !Targets.IsSingle(options.Targets))
        {
            return await BulkRun.RunAsync("start", options.Targets, context).ConfigureAwait(false);
        }

        var name = options.Targets[0];
        var request = new StartProcessRequest(
            name,
            options.Command.Count > 0 ? options.Command : null,
            options.WorkingDirectory,
            options.Environment.Count > 0 ? options.Environment : null,
            options.RestartPolicy,
            options.Instances);
        var status = await context.Client.StartProcessAsync(request, context.Cancellation).ConfigureAwait(false);
        return StatusLine.Write(context, "started", status, name);
    }
}
