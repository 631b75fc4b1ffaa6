using ProcessManager.Host.Palettes;

namespace ProcessManager.Host.Hosting;

/// <summary>What <c>AddProcessManager</c> and <c>WithProcessManager</c> are configured with: options and the application's own palettes.</summary>
public sealed class ProcessManagerBuilder
{
    private readonly List<PaletteDefinition> _palettes = [];

    /// <summary>State folder, config file, API settings, shutdown timeout.</summary>
    public ProcessManagerOptions Options { get; } = new();

    internal IReadOnlyList<PaletteDefinition> Palettes => _palettes;

    /// <summary>Adds a palette that pbm shows after connecting.</summary>
    public ProcessManagerBuilder AddPalette(PaletteDefinition palette)
    {
        ArgumentNullException.ThrowIfNull(palette);
        _palettes.Add(palette);
        return this;
    }
}
