namespace ProcessManager.Actors.Plugins.Manifests;

/// <summary>A plugin's pool: <paramref name="Min"/> workers kept started, at most <paramref name="Max"/>, and at most <paramref name="Queue"/> requests waiting.</summary>
public sealed record PoolSpec(int Min, int Max, int Queue);
