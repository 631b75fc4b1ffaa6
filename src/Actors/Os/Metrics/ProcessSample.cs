namespace ProcessManager.Actors.Os.Metrics;

/// <summary>Resource use of a whole process tree (every process in the program's session) at one moment.</summary>
/// <param name="At">When the sample was taken.</param>
/// <param name="CpuPercent">CPU time used since the previous sample over the wall time between them; 100 = one core.</param>
/// <param name="RssBytes">Resident memory summed over the processes.</param>
/// <param name="ProcessCount">Processes found in the session.</param>
public readonly record struct ProcessSample(DateTimeOffset At, double CpuPercent, long RssBytes, int ProcessCount);
