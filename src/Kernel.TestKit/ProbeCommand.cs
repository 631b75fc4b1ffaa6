namespace ProcessManager.Kernel.TestKit;

/// <summary>Runs on the probe actor's thread (watch/unwatch must be done by the probe itself).</summary>
internal sealed record ProbeCommand(Action<IActorContext> Run);
