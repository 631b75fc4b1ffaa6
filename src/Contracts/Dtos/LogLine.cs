namespace ProcessManager.Contracts.Dtos;

/// <summary>One captured output line of a program; <see cref="Stream"/> is <c>stdout</c> or <c>stderr</c>.</summary>
public sealed record LogLine(DateTimeOffset Timestamp, string Process, string Stream, string Text);
