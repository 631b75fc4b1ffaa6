namespace ProcessManager.Persistence.Configuration;

/// <summary>
/// Group commit: one writer drains a bounded queue of write requests and commits each batch in one
/// transaction, so many actors' writes share one fsync.
/// </summary>
public sealed record GroupCommitSettings
{
    /// <summary><c>max-batch</c>: most write requests in one transaction. Default 500.</summary>
    public int MaxBatch { get; init; } = 500;

    /// <summary>
    /// <c>max-delay</c>: how long a batch that is not full may wait for more requests. Default 0:
    /// requests that arrive while a commit is in flight form the next batch, which already groups
    /// writes under load without adding latency to a lone writer.
    /// </summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.Zero;

    /// <summary><c>channel-capacity</c>: queued write requests before writers wait (back-pressure). Default 10000.</summary>
    public int ChannelCapacity { get; init; } = 10_000;

    internal void Validate()
    {
        if (MaxBatch < 1)
        {
            throw new ArgumentException($"pbm.persistence.group-commit.max-batch must be >= 1 (was {MaxBatch})");
        }

        if (MaxDelay < TimeSpan.Zero || MaxDelay > TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException($"pbm.persistence.group-commit.max-delay must be within 0..1s (was {MaxDelay})");
        }

        if (ChannelCapacity < 1)
        {
            throw new ArgumentException($"pbm.persistence.group-commit.channel-capacity must be >= 1 (was {ChannelCapacity})");
        }
    }
}
