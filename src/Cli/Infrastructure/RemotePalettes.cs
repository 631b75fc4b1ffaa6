using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Infrastructure;

/// <summary>Palettes an embedding application registered in its daemon: listed and invoked over the API.</summary>
internal static class RemotePalettes
{
    /// <summary>Runs <c>pbm PALETTE COMMAND [args]</c> for a palette that is not built in.</summary>
    public static async Task<int> RunAsync(string paletteName, IReadOnlyList<string> args, CommandContext context)
    {
        var palettes = await context.Client.ListPalettesAsync(context.Cancellation).ConfigureAwait(false);
        var palette = palettes.FirstOrDefault(p => p.Name == paletteName)
            ?? throw new UsageException($"unknown palette '{paletteName}'; 'pbm help' lists the palettes");
        if (args.Count == 0 || context.Globals.Help || args[0] is "help")
        {
            if (args.Count > 0 && palette.Commands.FirstOrDefault(c => c.Name == args[0]) is { } described)
            {
                HelpWriter.Command(context.IO.Out, palette.Name, described);
                return ExitCodes.Ok;
            }

            HelpWriter.Palette(context.IO.Out, palette);
            return args.Count == 0 && !context.Globals.Help ? ExitCodes.Usage : ExitCodes.Ok;
        }

        var command = palette.Commands.FirstOrDefault(c => c.Name == args[0])
            ?? throw new UsageException($"palette '{paletteName}' has no command '{args[0]}'; 'pbm help {paletteName}' lists them");
        var invocation = Parse(command, args.Skip(1).ToList());
        var result = await context.Client.InvokePaletteAsync(palette.Name, command.Name, invocation, context.Cancellation).ConfigureAwait(false);
        context.IO.Out.Write(result.Output);
        if (result.Output.Length > 0 && result.Output[^1] != '\n')
        {
            context.IO.Out.Write('\n');
        }

        return result.ExitCode;
    }

    /// <summary>Turns <c>--name value</c>, <c>--flag</c> and positional words into an invocation, checking names.</summary>
    public static PaletteInvocation Parse(PaletteCommandInfo command, IReadOnlyList<string> args)
    {
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        var positional = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                positional.Add(arg);
                continue;
            }

            var name = arg[2..];
            string? inline = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                inline = name[(equals + 1)..];
                name = name[..equals];
            }

            var definition = command.Arguments.FirstOrDefault(a => a.Name == name)
                ?? throw new UsageException($"unknown option '--{name}' for '{command.Name}'");
            if (definition.IsFlag)
            {
                named[name] = inline ?? "true";
            }
            else
            {
                named[name] = inline ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"--{name} needs a value"));
            }
        }

        var missing = command.Arguments.FirstOrDefault(a => a.Required && !named.ContainsKey(a.Name));
        if (missing is not null)
        {
            throw new UsageException($"missing --{missing.Name}: {missing.Description}");
        }

        return new PaletteInvocation(named, positional);
    }
}
