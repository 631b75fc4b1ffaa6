namespace ProcessManager.Host.Hosting;

/// <summary>Completes when the API answers (or faults when start-up failed): the daemon's readiness notification.</summary>
public sealed class ProcessManagerReadiness
{
    private readonly TaskCompletionSource<ReadyInfo> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with where the API listens.</summary>
    public Task<ReadyInfo> Ready => _ready.Task;

    internal void SetReady(ReadyInfo info) => _ready.TrySetResult(info);

    internal void SetFailed(Exception exception) => _ready.TrySetException(exception);
}

/// <summary>Where a ready daemon listens.</summary>
public sealed record ReadyInfo(string PbmHome, string SocketPath, string? TcpEndpoint, string TokenFile)
{
    /// <summary>When the daemon became ready; no program it starts is spawned before this.</summary>
    public DateTimeOffset ReadyAt { get; init; } = DateTimeOffset.UtcNow;
}
