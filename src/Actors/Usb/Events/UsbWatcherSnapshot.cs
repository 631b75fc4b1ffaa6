namespace ProcessManager.Actors.Usb.Events;

/// <summary>The watcher's state at one point: the device table and its bounded history.</summary>
/// <param name="Sequence">The sequence of the last event included.</param>
/// <param name="Devices">The devices present.</param>
/// <param name="History">The last events, oldest first (at most pbm.usb.history).</param>
public sealed record UsbWatcherSnapshot(long Sequence, IReadOnlyList<UsbDevice> Devices, IReadOnlyList<UsbDeviceEvent> History);
