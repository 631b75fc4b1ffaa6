using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Commands.Contexts;

/// <summary><c>pbm context use NAME</c>: makes NAME the current context (the target when no --host or --context is given).</summary>
internal static class Use
{
    /// <summary>Options.</summary>
    public sealed record Options(string Name);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "context", "use", "Make a context the current target", "NAME", false,
        args => new Options(ContextFile.ReadName(args)),
        RunAsync);

    /// <summary>Runs the command.</summary>
    public static Task<int> RunAsync(Options options, CommandContext context)
    {
        var contexts = ContextFile.Load(context);
        var chosen = ContextFile.Require(contexts, options.Name, context);
        (contexts with { Current = chosen.Name }).Save(ContextFile.PathOf(context));
        context.IO.Out.Write($"current context: {chosen.Name} ({chosen.Host})\n");
        if (context.Environment("PBM_HOST") is { Length: > 0 } host)
        {
            context.Diagnostic($"pbm: note: PBM_HOST={host} is set and wins over the current context");
        }

        return Task.FromResult(ExitCodes.Ok);
    }
}
