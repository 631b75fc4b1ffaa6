using System.Text.Json.Serialization;

namespace ProcessManager.Actors.Usb.Events;

/// <summary>
/// A change of the USB device table, persisted by the watcher (persistence id <see cref="UsbWatcher.PersistenceIdentifier"/>)
/// and published on the actor system's event stream: subscribe to <c>typeof(UsbDeviceEvent)</c>.
/// </summary>
/// <param name="Sequence">Position in the watcher's history, 1, 2, ...; kept across restarts.</param>
/// <param name="Timestamp">When the watcher applied the change.</param>
/// <param name="Device">The device as it is now (for a detach: as it was last seen).</param>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$kind")]
[JsonDerivedType(typeof(DeviceAttached), "attached")]
[JsonDerivedType(typeof(DeviceDetached), "detached")]
[JsonDerivedType(typeof(DeviceChanged), "changed")]
public abstract record UsbDeviceEvent(long Sequence, DateTimeOffset Timestamp, UsbDevice Device)
{
    /// <summary>"attached", "detached" or "changed".</summary>
    [JsonIgnore]
    public abstract string Kind { get; }
}

/// <summary>A device appeared (plugged in, or found present by a resynchronization).</summary>
public sealed record DeviceAttached(long Sequence, DateTimeOffset Timestamp, UsbDevice Device) : UsbDeviceEvent(Sequence, Timestamp, Device)
{
    [JsonIgnore]
    public override string Kind => "attached";
}

/// <summary>A device went away (unplugged, or found missing by a resynchronization).</summary>
public sealed record DeviceDetached(long Sequence, DateTimeOffset Timestamp, UsbDevice Device) : UsbDeviceEvent(Sequence, Timestamp, Device)
{
    [JsonIgnore]
    public override string Kind => "detached";
}

/// <summary>A present device's attributes changed (its interfaces were bound, a re-plug within the debounce window gave it a new number...).</summary>
public sealed record DeviceChanged(long Sequence, DateTimeOffset Timestamp, UsbDevice Device, UsbDevice Previous) : UsbDeviceEvent(Sequence, Timestamp, Device)
{
    [JsonIgnore]
    public override string Kind => "changed";
}
