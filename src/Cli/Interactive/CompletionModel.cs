using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Interactive;

/// <summary>
/// What the console completes: palettes, then a palette's commands, then process names for commands that take one.
/// Knows nothing about the terminal, so it is tested directly.
/// </summary>
internal sealed class CompletionModel
{
    private static readonly HashSet<string> TakesProcessName = new(StringComparer.Ordinal)
    {
        "process describe", "process stop", "process restart", "process delete", "process history", "process scale", "process start", "process events",
        "log tail", "log follow", "log flush",
    };

    private static readonly HashSet<string> TakesContextName = new(StringComparer.Ordinal) { "context use", "context set", "context delete" };

    private readonly Func<IReadOnlyList<string>> _processNames;
    private readonly Func<IReadOnlyList<string>> _contextNames;
    private readonly IReadOnlyList<Contracts.Dtos.PaletteInfo> _customPalettes;

    /// <summary>Creates the model with the daemon's palettes and sources of current process and context names.</summary>
    public CompletionModel(IReadOnlyList<Contracts.Dtos.PaletteInfo> customPalettes, Func<IReadOnlyList<string>> processNames, Func<IReadOnlyList<string>>? contextNames = null)
    {
        _customPalettes = customPalettes;
        _processNames = processNames;
        _contextNames = contextNames ?? (() => []);
    }

    /// <summary>Candidates for <paramref name="word"/> after the words of <paramref name="prefix"/>.</summary>
    public IEnumerable<string> Complete(string prefix, string word)
    {
        IReadOnlyList<string> before;
        try
        {
            before = CommandLineSplitter.Split(prefix);
        }
        catch (UsageException)
        {
            return [];
        }

        IEnumerable<string> candidates = before.Count switch
        {
            0 => CommandCatalog.Palettes.Select(p => p.Name).Concat(_customPalettes.Select(p => p.Name)).Append("help").Append("exit"),
            1 when before[0] == "help" => CommandCatalog.Palettes.Select(p => p.Name).Concat(_customPalettes.Select(p => p.Name)),
            1 => CommandCatalog.Commands.Where(c => c.Palette == before[0]).Select(c => c.Name)
                .Concat(_customPalettes.Where(p => p.Name == before[0]).SelectMany(p => p.Commands.Select(c => c.Name))),
            2 when TakesProcessName.Contains(before[0] + " " + before[1]) => _processNames(),
            2 when TakesContextName.Contains(before[0] + " " + before[1]) => _contextNames(),
            _ => [],
        };
        return candidates.Where(c => c.StartsWith(word, StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal);
    }
}
