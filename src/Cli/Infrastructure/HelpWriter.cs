using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Infrastructure;

/// <summary>Help text for pbm, a palette, or a command (built-in or registered by the daemon's host).</summary>
internal static class HelpWriter
{
    /// <summary>The overview.</summary>
    public static void Overview(TextWriter output, IReadOnlyList<PaletteInfo>? custom = null)
    {
        output.Write("""
            usage: pbm [--host unix:PATH|HOST:PORT|https://HOST:PORT] [--token T|--token-file F] [--ca-file PEM] [--context NAME] [--node NAME] <palette> <command> [args] [--json]
                   pbm                      interactive console (help, tab completion, history)
                   pbm --version

            palettes:

            """);
        foreach (var (name, summary) in CommandCatalog.Palettes)
        {
            output.Write($"  {name,-10} {summary}\n");
        }

        foreach (var palette in custom ?? [])
        {
            output.Write($"  {palette.Name,-10} {palette.Description} (from the daemon)\n");
        }

        output.Write("""

            'pbm help PALETTE' lists a palette's commands; 'pbm PALETTE COMMAND --help' shows one command.
            Target: --host, else --context, else PBM_HOST, else the current context in ~/.pbm/contexts, else unix:$PBM_HOME/pbm.sock.
            --node NAME: the daemon sends the command on to that cluster node (pbm.cluster); 'pbm node list' names them.
            Exit codes: 0 ok, 1 error, 2 usage, 3 no daemon, 4 unauthorized, 130 cancelled.

            """);
    }

    /// <summary>A built-in palette's commands; false when there is no such palette.</summary>
    public static bool Palette(TextWriter output, string palette)
    {
        var commands = CommandCatalog.Commands.Where(c => c.Palette == palette).ToList();
        if (commands.Count == 0)
        {
            return false;
        }

        output.Write($"pbm {palette}: {CommandCatalog.Palettes.First(p => p.Name == palette).Summary}\n\n");
        foreach (var command in commands)
        {
            output.Write($"  {command.Name,-12} {command.Summary}\n");
        }

        output.Write('\n');
        return true;
    }

    /// <summary>A registered palette's commands.</summary>
    public static void Palette(TextWriter output, PaletteInfo palette)
    {
        output.Write($"pbm {palette.Name}: {palette.Description}\n\n");
        foreach (var command in palette.Commands)
        {
            output.Write($"  {command.Name,-12} {command.Description}\n");
        }

        output.Write('\n');
    }

    /// <summary>One built-in command.</summary>
    public static void Command(TextWriter output, CommandDefinition command) =>
        output.Write($"{command.Summary}\n\nusage: {command.UsageLine}\n");

    /// <summary>One registered command.</summary>
    public static void Command(TextWriter output, string palette, PaletteCommandInfo command)
    {
        var args = string.Join(' ', command.Arguments.Select(a =>
        {
            var text = a.IsFlag ? $"--{a.Name}" : $"--{a.Name} VALUE";
            return a.Required ? text : $"[{text}]";
        }));
        output.Write($"{command.Description}\n\nusage: pbm {palette} {command.Name} {args}\n");
        foreach (var a in command.Arguments)
        {
            output.Write($"  --{a.Name,-14} {a.Description}\n");
        }
    }
}
