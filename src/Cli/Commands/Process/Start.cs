using ProcessManager.Cli.Infrastructure;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Commands.Process;

/// <summary><c>pbm process start NAME [options] [-- CMD ARGS...]</c>: starts a declared process, or a program ad hoc.</summary>
internal static class Start
{
    /// <summary>Options.</summary>
    public sealed record Options(
        string Name,
        IReadOnlyList<string> Command,
        string? WorkingDirectory,
        IReadOnlyDictionary<string, string> Environment,
        string? RestartPolicy,
        int? Instances);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "process",
        "start",
        "Start a declared process, or a program ad hoc after --",
        "NAME [--cwd DIR] [--env K=V]... [--restart always|on-failure|never] [--instances N] [-- CMD ARGS...]",
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

        var name = ProcessNameArgument.Read(args);
        if (args.HasSeparator && args.Rest.Count == 0)
        {
            throw new UsageException("nothing after '--': give the program and its arguments");
        }

        return new Options(name, args.Rest, cwd is null ? null : Path.GetFullPath(cwd), env, restart, instances);
    }

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        var request = new StartProcessRequest(
            options.Name,
            options.Command.Count > 0 ? options.Command : null,
            options.WorkingDirectory,
            options.Environment.Count > 0 ? options.Environment : null,
            options.RestartPolicy,
            options.Instances);
        var status = await context.Client.StartProcessAsync(request, context.Cancellation).ConfigureAwait(false);
        return StatusLine.Write(context, "started", status);
    }
}
