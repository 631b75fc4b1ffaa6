using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Commands.Contexts;

/// <summary><c>pbm context current</c>: the current context's name; exit 1 when none is set.</summary>
internal static class Current
{
    /// <summary>No options.</summary>
    public sealed record Options;

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "context", "current", "Print the current context's name", string.Empty, false,
        args =>
        {
            args.End();
            return new Options();
        },
        RunAsync);

    /// <summary>Runs the command.</summary>
    public static Task<int> RunAsync(Options options, CommandContext context)
    {
        var contexts = ContextFile.Load(context);
        if (contexts.Current is null)
        {
            context.Diagnostic("pbm: no current context; 'pbm context use NAME' sets one (until then: --host, PBM_HOST, or unix:$PBM_HOME/pbm.sock)");
            return Task.FromResult(ExitCodes.Error);
        }

        context.IO.Out.Write(contexts.Current);
        context.IO.Out.Write('\n');
        if (!contexts.Contexts.ContainsKey(contexts.Current))
        {
            context.Diagnostic($"pbm: the current context '{contexts.Current}' is not defined in {ContextFile.PathOf(context)}");
            return Task.FromResult(ExitCodes.Error);
        }

        return Task.FromResult(ExitCodes.Ok);
    }
}
