using System.Text.Json.Serialization;

namespace ProcessManager.Contracts.Dtos;

/// <summary>A state change published on <c>GET /v1/events</c>: <paramref name="Previous"/> → <paramref name="Status"/>.</summary>
/// <param name="Previous">The state before the change; null from a daemon that does not send it.</param>
/// <param name="Source">
/// What changed: null or "process" for a program's state; "usb" for a USB device event, whose
/// <paramref name="Process"/> is "usb:DEVICE-ID", <paramref name="Status"/> attached, detached or changed, and
/// <paramref name="Usb"/> the event itself.
/// </param>
/// <param name="Node">The cluster node it happened on, in <c>GET /v1/nodes/events</c> (`--all-nodes`).</param>
/// <remarks>Source, Usb and Node are left out of the JSON when null, so a lone daemon's process events read as they always did.</remarks>
public sealed record ProcessEvent(
    DateTimeOffset Timestamp,
    string Process,
    string Status,
    int? Pid,
    string? Detail,
    string? Previous = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Source = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] UsbDeviceEventInfo? Usb = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Node = null);
