namespace ProcessManager.Actors.Processes.Protocol;

/// <summary>One captured line of a program's output.</summary>
public sealed record LogLine(string Instance, LogSource Stream, DateTimeOffset Timestamp, string Text);
