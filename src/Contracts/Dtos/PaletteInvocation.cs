namespace ProcessManager.Contracts.Dtos;

/// <summary>Body of <c>POST /v1/palettes/{palette}/{command}</c>: named arguments and the remaining positional ones.</summary>
public sealed record PaletteInvocation(IReadOnlyDictionary<string, string> Arguments, IReadOnlyList<string> Positional);

/// <summary>What a palette command printed and its exit code.</summary>
public sealed record PaletteResult(string Output, int ExitCode);
