using ProcessManager.Hocon;

namespace ProcessManager.Configuration;

/// <summary>The resolved configuration, the warnings found while loading it, and the files that were read in order.</summary>
public sealed record PbmConfigLoadResult(Config Config, IReadOnlyList<ConfigWarning> Warnings, IReadOnlyList<string> Files);
