using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Commands.Process;

/// <summary><c>pbm process scale NAME N</c>.</summary>
internal static class Scale
{
    /// <summary>Options.</summary>
    public sealed record Options(string Name, int Instances);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "process", "scale", "Run N instances of a process", "NAME N", true, Parse, RunAsync);

    /// <summary>Parses the arguments.</summary>
    public static Options Parse(ArgumentReader args)
    {
        var positionals = args.Positionals(2, 2, "NAME and N");
        if (!int.TryParse(positionals[1], System.Globalization.CultureInfo.InvariantCulture, out var n) || n is < 0 or > 1000)
        {
            throw new UsageException($"N must be a whole number 0-1000, not '{positionals[1]}'");
        }

        return new Options(ProcessNameArgument.Check(positionals[0]), n);
    }

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        var status = await context.Client.ScaleProcessAsync(options.Name, options.Instances, context.Cancellation).ConfigureAwait(false);
        return StatusLine.Write(context, $"scaled to {options.Instances}", status);
    }
}
