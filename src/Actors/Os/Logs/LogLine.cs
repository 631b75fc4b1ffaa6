namespace ProcessManager.Actors.Os.Logs;

/// <summary>One line of output as seen by tail and follow (without the newline).</summary>
public readonly record struct LogLine(LogStreamKind Stream, DateTimeOffset Timestamp, string Text);
