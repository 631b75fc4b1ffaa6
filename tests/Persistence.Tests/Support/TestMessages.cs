namespace ProcessManager.Persistence.Tests.Support;

/// <summary>A test event: a counter went up.</summary>
public sealed record Incremented(int By);

/// <summary>A test snapshot of <see cref="CounterActor"/>.</summary>
public sealed record CounterState(int Value, int Events);

/// <summary>A test event or snapshot stored as the bytes and manifest it carries (<see cref="RawPayloadSerializer"/>).</summary>
public sealed record RawPayload(string Manifest, byte[] Bytes);
