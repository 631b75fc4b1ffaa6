namespace ProcessManager.Persistence.Configuration;

/// <summary>Bounds the journal per persistence id; snapshots make the deleted prefix unnecessary for recovery.</summary>
public sealed record RetentionSettings
{
    /// <summary><c>max-events-per-process</c>: events kept per persistence id once a snapshot covers older ones. Default 1000.</summary>
    public int MaxEventsPerProcess { get; init; } = 1000;

    /// <summary><c>snapshot-every</c>: a persistent actor saves a snapshot every this many events (0 = never). Default 100.</summary>
    public int SnapshotEvery { get; init; } = 100;

    internal void Validate()
    {
        if (MaxEventsPerProcess < 1)
        {
            throw new ArgumentException(
                $"pbm.persistence.retention.max-events-per-process must be >= 1 (was {MaxEventsPerProcess})");
        }

        if (SnapshotEvery < 0)
        {
            throw new ArgumentException($"pbm.persistence.retention.snapshot-every must be >= 0 (was {SnapshotEvery})");
        }
    }
}
