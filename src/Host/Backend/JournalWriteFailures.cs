namespace ProcessManager.Host.Backend;

/// <summary>Journal writes refused since the daemon started, and the newest refusal; for <c>pbm daemon status</c>.</summary>
public sealed record JournalWriteFailures(long Count, string? LastReason, DateTimeOffset? LastAt)
{
    public static JournalWriteFailures None { get; } = new(0, null, null);
}
