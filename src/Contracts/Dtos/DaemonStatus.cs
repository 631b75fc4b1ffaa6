namespace ProcessManager.Contracts.Dtos;

/// <summary>Answer of <c>GET /v1/daemon</c>.</summary>
public sealed record DaemonStatus(
    int Pid,
    string Version,
    string PbmHome,
    string UnixSocket,
    string? TcpEndpoint,
    double UptimeSeconds,
    int ProcessCount,
    long JournalWritesRefused = 0,
    string? LastJournalError = null,
    DateTimeOffset? LastJournalErrorAt = null);
