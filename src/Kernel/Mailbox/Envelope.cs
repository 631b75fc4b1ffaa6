namespace ProcessManager.Kernel;

/// <summary>A user message with its sender (null when there is none).</summary>
public readonly record struct Envelope(object Message, IActorRef? Sender);
