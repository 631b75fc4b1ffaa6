namespace ProcessManager.Actors.Usb;

/// <summary>One interface of a USB device's active configuration ("1-1.2:1.0").</summary>
/// <param name="Name">The kernel's name of the interface: DEVICE:CONFIG.NUMBER.</param>
/// <param name="Class">bInterfaceClass as two hex digits ("03" HID, "08" mass storage, "ff" vendor specific).</param>
/// <param name="SubClass">bInterfaceSubClass as two hex digits.</param>
/// <param name="Protocol">bInterfaceProtocol as two hex digits.</param>
/// <param name="Driver">The driver bound to it, if any ("ftdi_sio").</param>
public sealed record UsbInterface(string Name, string Class, string SubClass, string Protocol, string? Driver = null);
