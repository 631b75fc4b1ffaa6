namespace ProcessManager.Actors.Plugins.History;

/// <summary>Reply: <see cref="PluginHistory"/>, newest first; <paramref name="Plugin"/> null = every plugin.</summary>
public sealed record GetPluginHistory(string? Plugin, int Limit = 100);

public sealed record PluginHistory(IReadOnlyList<InvocationRecord> Entries);

/// <summary>The whole kept history, saved every history.snapshot-every entries.</summary>
public sealed record PluginHistorySnapshot(IReadOnlyList<InvocationRecord> Entries);
