using ProcessManager.Cli.Infrastructure;
using ProcessManager.Contracts.Client;

namespace ProcessManager.Cli.Commands.Contexts;

/// <summary>
/// <c>pbm context set NAME --host H [--token-file F | --token T] [--ca-file PEM] [--use]</c>: adds or changes a context. A token is
/// kept as a file reference; only an explicit <c>--token</c> is written into the (0600) contexts file itself.
/// </summary>
internal static class Set
{
    /// <summary>Options.</summary>
    /// <param name="Name">Context name.</param>
    /// <param name="Host">New target; required for a new context.</param>
    /// <param name="Token">A literal token (stored in plain text, with a warning).</param>
    /// <param name="TokenFile">A token file (stored as a path).</param>
    /// <param name="Use">Also make it the current context.</param>
    public sealed record Options(string Name, string? Host, string? Token, string? TokenFile, bool Use)
    {
        /// <summary>PEM certificates to trust for an https:// host (stored as a path).</summary>
        public string? CaFile { get; init; }
    }

    /// <summary>The command. <c>--host</c>, <c>--token</c>, <c>--token-file</c> and <c>--ca-file</c> are pbm's global options, taken from there.</summary>
    public static CommandDefinition Definition { get; } = new(
        "context", "set", "Add or change a named target", "NAME [--host HOST] [--token-file FILE | --token TOKEN] [--ca-file PEM] [--use]", false,
        (args, context) => RunAsync(Parse(args, context.Globals), context));

    /// <summary>Parses the arguments.</summary>
    public static Options Parse(ArgumentReader args, GlobalOptions globals)
    {
        var use = args.Flag("--use");
        var name = ContextFile.ReadName(args);
        if (globals.Token is not null && globals.TokenFile is not null)
        {
            throw new UsageException("give --token or --token-file, not both");
        }

        if (globals.Host is not null && !PbmEndpoint.TryParse(globals.Host, out _, out var error))
        {
            throw new UsageException(error);
        }

        return new Options(name, globals.Host, globals.Token, globals.TokenFile, use) { CaFile = globals.CaFile };
    }

    /// <summary>Runs the command.</summary>
    public static Task<int> RunAsync(Options options, CommandContext context)
    {
        var contexts = ContextFile.Load(context);
        var existing = contexts.Contexts.GetValueOrDefault(options.Name);
        var host = options.Host ?? existing?.Host
            ?? throw new UsageException($"a new context needs --host (e.g. 'pbm context set {options.Name} --host unix:/run/pbm/pbm.sock')");
        var (token, tokenFile) = (options.Token, options.TokenFile) switch
        {
            ({ } literal, _) => (literal, (string?)null),
            (_, { } file) => (null, TokenFilePath(file)),
            _ => (existing?.Token, existing?.TokenFile),
        };

        var caFile = options.CaFile is { } ca ? TokenFilePath(ca) : existing?.CaFile;
        var updated = contexts.With(new PbmContext(options.Name, host, token, tokenFile, caFile));
        if (options.Use)
        {
            updated = updated with { Current = options.Name };
        }

        var path = ContextFile.PathOf(context);
        updated.Save(path);
        context.IO.Out.Write($"context {options.Name} {(existing is null ? "added" : "updated")}: {host}{(options.Use ? " (current)" : string.Empty)}\n");
        if (options.Token is not null)
        {
            context.Diagnostic($"pbm: warning: the token is stored in plain text in {path} (mode 0600); --token-file FILE keeps only its path there");
        }

        if (tokenFile is not null && options.TokenFile is not null && !File.Exists(PbmPaths.ExpandHome(tokenFile, context.Environment)))
        {
            context.Diagnostic($"pbm: note: {tokenFile} does not exist yet; commands through this context fail until it does");
        }

        return Task.FromResult(ExitCodes.Ok);
    }

    // A relative path would mean something else from another folder: store it absolute (~/ is kept, Target expands it).
    private static string TokenFilePath(string file) =>
        file.StartsWith("~/", StringComparison.Ordinal) ? file : Path.GetFullPath(file);
}
