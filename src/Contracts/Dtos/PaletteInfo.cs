namespace ProcessManager.Contracts.Dtos;

/// <summary>A palette an embedding application registered, listed by <c>GET /v1/palettes</c>.</summary>
public sealed record PaletteInfo(string Name, string Description, IReadOnlyList<PaletteCommandInfo> Commands);

/// <summary>One command of a registered palette.</summary>
public sealed record PaletteCommandInfo(string Name, string Description, IReadOnlyList<PaletteArgumentInfo> Arguments);

/// <summary>One argument of a palette command; a flag takes no value.</summary>
public sealed record PaletteArgumentInfo(string Name, string Description, bool Required, bool IsFlag);
