namespace ProcessManager.Cli.Infrastructure;

/// <summary>One pbm command: where it lives, how it is described, and its run function.</summary>
/// <param name="Palette">Palette (noun), e.g. <c>process</c>.</param>
/// <param name="Name">Command (verb), e.g. <c>list</c>.</param>
/// <param name="Summary">One line for help.</param>
/// <param name="Usage">Arguments and options after <c>pbm PALETTE NAME</c>.</param>
/// <param name="SupportsJson">True when the command takes <c>--json</c>.</param>
/// <param name="Run">Parses the arguments into the command's options record and runs it.</param>
internal sealed record CommandDefinition(
    string Palette,
    string Name,
    string Summary,
    string Usage,
    bool SupportsJson,
    Func<ArgumentReader, CommandContext, Task<int>> Run)
{
    /// <summary>Builds a definition from an options parser and a run function (the test seams of a command).</summary>
    public static CommandDefinition Create<TOptions>(
        string palette,
        string name,
        string summary,
        string usage,
        bool supportsJson,
        Func<ArgumentReader, TOptions> parse,
        Func<TOptions, CommandContext, Task<int>> run) =>
        new(palette, name, summary, usage, supportsJson, (reader, context) => run(parse(reader), context));

    /// <summary>The full usage line.</summary>
    public string UsageLine => $"pbm {Palette} {Name}{(Usage.Length > 0 ? " " + Usage : string.Empty)}{(SupportsJson ? " [--json]" : string.Empty)}";
}
