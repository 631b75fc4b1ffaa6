namespace ProcessManager.Actors.Os.Metrics;

/// <summary>How often a program's resource use is sampled and how many samples are kept. Defaults in brackets.</summary>
public sealed record MetricsSettings
{
    /// <summary>Time between samples; the owner's timer uses it [2 s].</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Samples kept per program, oldest dropped first [300, i.e. 10 minutes at 2 s].</summary>
    public int HistoryCapacity { get; init; } = 300;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the field that is out of range.</summary>
    public void Validate()
    {
        if (Interval < TimeSpan.FromMilliseconds(100))
        {
            throw new ArgumentException($"metrics.interval = {Interval}: must be at least 100ms", nameof(Interval));
        }
        if (HistoryCapacity < 1)
        {
            throw new ArgumentException($"metrics.history-capacity = {HistoryCapacity}: must be at least 1", nameof(HistoryCapacity));
        }
    }
}
