using ProcessManager.Cli.Infrastructure;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Interactive;

/// <summary>What <c>help</c> prints inside the console: commands without the <c>pbm</c> prefix, and the keys.</summary>
internal static class ConsoleHelp
{
    /// <summary>Writes the console's help.</summary>
    public static void Write(TextWriter output, IReadOnlyList<PaletteInfo>? custom)
    {
        output.Write("type a command without 'pbm': PALETTE COMMAND [ARGS] [--json], e.g. 'process list', 'log follow web'\n\npalettes:\n");
        foreach (var (name, summary) in CommandCatalog.Palettes)
        {
            output.Write($"  {name,-10} {summary}\n");
        }

        foreach (var palette in custom ?? [])
        {
            output.Write($"  {palette.Name,-10} {palette.Description} (from the daemon)\n");
        }

        output.Write("""

            help PALETTE           a palette's commands; PALETTE COMMAND --help shows one command
            exit, quit, Ctrl-D     leave the console

            keys: Tab completes (again: lists, then cycles the choices), Up/Down walk the history (Down past the
                  newest returns to the line being typed), Ctrl-A/Ctrl-E start/end of line, Ctrl-U/Ctrl-K delete to
                  the start/end, Ctrl-W deletes a word, Ctrl-L clears the screen, Ctrl-C drops the line (or cancels
                  a running command)

            """);
    }
}
