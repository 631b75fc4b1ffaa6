using System.Collections.Frozen;
using ProcessManager.Contracts;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Host.Palettes;

/// <summary>The palettes an embedding application registered, checked once at start-up.</summary>
public sealed class PaletteRegistry
{
    /// <summary>Palette names pbm owns; an application cannot replace them.</summary>
    public static readonly FrozenSet<string> BuiltIn = FrozenSet.Create(
        StringComparer.Ordinal, "process", "log", "actor", "stats", "daemon", "config", "help", "exit", "quit");

    private readonly FrozenDictionary<string, PaletteDefinition> _palettes;

    /// <summary>Validates and indexes the palettes.</summary>
    public PaletteRegistry(IEnumerable<PaletteDefinition> palettes)
    {
        var byName = new Dictionary<string, PaletteDefinition>(StringComparer.Ordinal);
        foreach (var palette in palettes)
        {
            if (!ProcessNames.IsValid(palette.Name))
            {
                throw new ArgumentException($"palette name '{palette.Name}' is invalid: {ProcessNames.Rule}", nameof(palettes));
            }

            if (BuiltIn.Contains(palette.Name))
            {
                throw new ArgumentException($"palette name '{palette.Name}' is built into pbm; choose another", nameof(palettes));
            }

            if (!byName.TryAdd(palette.Name, palette))
            {
                throw new ArgumentException($"palette '{palette.Name}' is registered twice", nameof(palettes));
            }

            var commands = new HashSet<string>(StringComparer.Ordinal);
            foreach (var command in palette.Commands)
            {
                if (!ProcessNames.IsValid(command.Name) || !commands.Add(command.Name))
                {
                    throw new ArgumentException($"palette '{palette.Name}': command '{command.Name}' is invalid or repeated", nameof(palettes));
                }
            }
        }

        _palettes = byName.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The palettes as pbm lists them.</summary>
    public IReadOnlyList<PaletteInfo> Describe() => _palettes.Values
        .OrderBy(p => p.Name, StringComparer.Ordinal)
        .Select(p => new PaletteInfo(
            p.Name,
            p.Description,
            p.Commands.Select(c => new PaletteCommandInfo(
                c.Name,
                c.Description,
                c.Arguments.Select(a => new PaletteArgumentInfo(a.Name, a.Description, a.Required, a.IsFlag)).ToList())).ToList()))
        .ToList();

    /// <summary>Finds a command, or null.</summary>
    public PaletteCommand? Find(string palette, string command) =>
        _palettes.TryGetValue(palette, out var p) ? p.Commands.FirstOrDefault(c => c.Name == command) : null;

    /// <summary>True when the palette exists.</summary>
    public bool Contains(string palette) => _palettes.ContainsKey(palette);
}
