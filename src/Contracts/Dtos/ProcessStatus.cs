namespace ProcessManager.Contracts.Dtos;

/// <summary>One row of <c>GET /v1/processes</c>: the state of one managed program.</summary>
/// <param name="Name">Unique process name.</param>
/// <param name="Status">Lifecycle state, lower case (e.g. <c>running</c>, <c>stopped</c>, <c>backoff</c>).</param>
/// <param name="Pid">OS process id while running.</param>
/// <param name="Restarts">Restarts since the process was declared.</param>
/// <param name="UptimeSeconds">Seconds since the current OS process started.</param>
/// <param name="CpuPercent">Last sampled CPU use, percent of one core.</param>
/// <param name="MemoryBytes">Last sampled resident set size.</param>
/// <param name="Instance">Instance index (0-based) when the app runs several instances (NAME-INDEX).</param>
/// <param name="LogLines">Output lines captured from the program at the last sample.</param>
/// <param name="DroppedLogLines">Output lines that did not reach the log files (the disk fell behind or failed).</param>
public sealed record ProcessStatus(
    string Name,
    string Status,
    int? Pid,
    int Restarts,
    double? UptimeSeconds,
    double? CpuPercent,
    long? MemoryBytes,
    int Instance = 0,
    long LogLines = 0,
    long DroppedLogLines = 0);
