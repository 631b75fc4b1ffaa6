using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Output;

namespace ProcessManager.Cli.Commands.Contexts;

/// <summary><c>pbm context list</c>: every named target, the current one marked; tokens are never shown.</summary>
internal static class List
{
    /// <summary>No options besides --json.</summary>
    public sealed record Options;

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "context", "list", "List named daemon targets; * marks the current one", string.Empty, true,
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
        var entries = contexts.Contexts.Values
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => new ContextEntry(c.Name, c.Host, c.TokenFile, c.Token is not null, c.Name == contexts.Current))
            .ToList();
        if (context.Json)
        {
            JsonOutput.Write<IReadOnlyList<ContextEntry>>(context.IO.Out, entries, CliJsonContext.Default.IReadOnlyListContextEntry);
            return Task.FromResult(ExitCodes.Ok);
        }

        if (entries.Count == 0)
        {
            context.Diagnostic($"no contexts in {ContextFile.PathOf(context)}; add one with 'pbm context set NAME --host HOST [--token-file FILE]'");
            return Task.FromResult(ExitCodes.Ok);
        }

        var table = new Table("CURRENT", "NAME", "HOST", "TOKEN");
        foreach (var entry in entries)
        {
            var token = entry.TokenFile is not null ? "file " + entry.TokenFile : entry.HasInlineToken ? "inline" : "-";
            table.Add(entry.Current ? "*" : string.Empty, entry.Name, entry.Host, token);
        }

        table.Write(context.IO.Out, context.IO.IsOutputTerminal);
        return Task.FromResult(ExitCodes.Ok);
    }
}
