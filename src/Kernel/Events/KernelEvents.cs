using Microsoft.Extensions.Logging;

namespace ProcessManager.Kernel;

/// <summary>A message that could not be delivered (recipient dead or absent).</summary>
public sealed record DeadLetter(object Message, IActorRef? Sender, IActorRef Recipient);

/// <summary>A message the recipient's behavior did not handle.</summary>
public sealed record UnhandledMessage(object Message, IActorRef? Sender, IActorRef Recipient);

/// <summary>A kernel or actor log entry, published on the event stream (see
/// <see cref="ActorSystemSettings.EventStreamLogLevel"/>).</summary>
public sealed record LogEvent(LogLevel Level, string LogSource, Type? LogClass, string Message, Exception? Cause)
{
    public DateTimeOffset Timestamp { get; init; } = DateTimeOffset.UtcNow;
}
