namespace ProcessManager.Actors.Processes.Events;

/// <summary>
/// The payload of every event the journal held before the move onto Akka.Persistence (manifest
/// <see cref="ProcessEventSerializer.LegacyManifest"/>): an envelope whose event is polymorphic by "$event".
/// Read only; nothing is written in this shape any more.
/// </summary>
public sealed record LegacyStoredProcessEvent(ProcessEvent Event);
