using Microsoft.Extensions.DependencyInjection;
using ProcessManager.Host.Palettes;

namespace ProcessManager.Host.Hosting;

/// <summary>What the <c>AddProcessManager</c> callback configures: options and the application's own palettes.</summary>
public sealed class ProcessManagerBuilder
{
    private readonly List<PaletteDefinition> _palettes = [];

    internal ProcessManagerBuilder(IServiceCollection services) => Services = services;

    /// <summary>The host's services, for registering what palette handlers need.</summary>
    public IServiceCollection Services { get; }

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
