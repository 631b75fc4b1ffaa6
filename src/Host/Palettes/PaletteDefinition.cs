namespace ProcessManager.Host.Palettes;

/// <summary>A palette an embedding application adds to pbm: a name and its commands.</summary>
public sealed record PaletteDefinition(string Name, string Description, IReadOnlyList<PaletteCommand> Commands);

/// <summary>One command of a palette; <see cref="Handler"/> runs in the daemon when pbm invokes it.</summary>
public sealed record PaletteCommand(
    string Name,
    string Description,
    IReadOnlyList<PaletteArgument> Arguments,
    Func<PaletteCommandContext, Task<int>> Handler);

/// <summary>A named argument of a palette command (<c>--name value</c>, or <c>--name</c> for a flag).</summary>
public sealed record PaletteArgument(string Name, string Description, bool Required = false, bool IsFlag = false);
