namespace ProcessManager.Persistence.Serialization;

/// <summary>An event or snapshot as stored: its manifest and UTF-8 JSON.</summary>
public readonly record struct SerializedPayload(string Manifest, byte[] Payload);
