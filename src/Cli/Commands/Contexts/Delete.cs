using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Commands.Contexts;

/// <summary><c>pbm context delete NAME</c>: removes a context; when it was the current one, none is current after.</summary>
internal static class Delete
{
    /// <summary>Options.</summary>
    public sealed record Options(string Name);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "context", "delete", "Remove a context", "NAME", false,
        args => new Options(ContextFile.ReadName(args)),
        RunAsync);

    /// <summary>Runs the command.</summary>
    public static Task<int> RunAsync(Options options, CommandContext context)
    {
        var contexts = ContextFile.Load(context);
        ContextFile.Require(contexts, options.Name, context);
        contexts.Without(options.Name).Save(ContextFile.PathOf(context));
        context.IO.Out.Write($"context {options.Name} deleted\n");
        if (contexts.Current == options.Name)
        {
            context.Diagnostic("pbm: it was the current context; none is current now ('pbm context use NAME' picks another)");
        }

        return Task.FromResult(ExitCodes.Ok);
    }
}
