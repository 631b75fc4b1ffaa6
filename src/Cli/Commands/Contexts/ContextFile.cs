using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Commands.Contexts;

/// <summary>The contexts file of this invocation (<c>$PBM_CONTEXTS</c> or <c>~/.pbm/contexts</c>), read and written whole.</summary>
internal static class ContextFile
{
    /// <summary>The file's path.</summary>
    public static string PathOf(CommandContext context) => PbmPaths.ContextsFile(context.Environment);

    /// <summary>Reads the contexts (a missing file is none).</summary>
    public static PbmContexts Load(CommandContext context) => PbmContexts.Load(PathOf(context));

    /// <summary>The named context, or a usage error listing the known ones.</summary>
    public static PbmContext Require(PbmContexts contexts, string name, CommandContext context) =>
        contexts.Contexts.TryGetValue(name, out var found)
            ? found
            : throw new UsageException(contexts.Contexts.Count == 0
                ? $"no context named '{name}': {PathOf(context)} has none; add one with 'pbm context set {name} --host HOST'"
                : $"no context named '{name}' (known: {string.Join(", ", contexts.Contexts.Keys.Order(StringComparer.Ordinal))})");

    /// <summary>Reads a NAME positional and checks it can name a context.</summary>
    public static string ReadName(ArgumentReader args)
    {
        var name = args.Positionals(1, 1, "NAME")[0];
        return PbmContexts.CheckName(name) is { } problem ? throw new UsageException(problem) : name;
    }
}
