using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Output;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Commands.Actor;

/// <summary><c>pbm actor hierarchy [-d DEPTH]</c>: the supervision tree.</summary>
internal static class Hierarchy
{
    /// <summary>Options.</summary>
    public sealed record Options(int Depth);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "actor", "hierarchy", "Show the actor supervision tree", "[-d DEPTH]", true,
        args =>
        {
            var depth = args.Number("--depth", "-d", 8, 1, 64);
            args.End();
            return new Options(depth);
        },
        RunAsync);

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        var root = await context.Client.GetHierarchyAsync(options.Depth, context.Cancellation).ConfigureAwait(false);
        if (context.Json)
        {
            JsonOutput.Write(context.IO.Out, root, j => j.ActorNode);
            return ExitCodes.Ok;
        }

        context.IO.Out.Write(Label(root) + "\n");
        WriteChildren(context.IO.Out, root, string.Empty);
        return ExitCodes.Ok;
    }

    private static void WriteChildren(TextWriter output, ActorNode node, string indent)
    {
        for (var i = 0; i < node.Children.Count; i++)
        {
            var last = i == node.Children.Count - 1;
            var child = node.Children[i];
            output.Write($"{indent}{(last ? "└── " : "├── ")}{Label(child)}\n");
            WriteChildren(output, child, indent + (last ? "    " : "│   "));
        }
    }

    private static string Label(ActorNode node) => node.Type is null ? node.Name : $"{node.Name} ({node.Type})";
}
