namespace ProcessManager.Actors.Os.Spawning;

/// <summary>Bounds of the <see cref="SpawnerPool"/>.</summary>
public sealed record SpawnerPoolSettings
{
    /// <summary>
    /// Dedicated spawner threads (default 4). posix_spawn blocks its caller until the child has
    /// exec'd (vfork semantics), which on a busy machine is mostly waiting for the child to be
    /// scheduled: a few threads let several children exec at once.
    /// </summary>
    public int Threads { get; init; } = 4;

    /// <summary>
    /// Spawns that may run on the thread-pool thread that posted them (default 1; 0 = always a spawner
    /// thread). A lone restart then costs no thread hand-over; a burst beyond this goes to the spawner threads.
    /// </summary>
    public int PoolThreadSpawns { get; init; } = 1;

    /// <summary>Spawns waiting for a thread (default 4096); beyond that, posting waits for room asynchronously.</summary>
    public int Capacity { get; init; } = 4096;

    public static SpawnerPoolSettings Default { get; } = new();

    /// <exception cref="ArgumentOutOfRangeException">Threads or Capacity below 1, PoolThreadSpawns negative.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Threads, 1, nameof(Threads));
        ArgumentOutOfRangeException.ThrowIfLessThan(Capacity, 1, nameof(Capacity));
        ArgumentOutOfRangeException.ThrowIfNegative(PoolThreadSpawns, nameof(PoolThreadSpawns));
    }
}
