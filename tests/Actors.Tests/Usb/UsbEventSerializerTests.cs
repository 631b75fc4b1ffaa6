using Akka.Serialization;
using ProcessManager.Actors.Usb;
using ProcessManager.Actors.Usb.Events;
using Xunit;

namespace ProcessManager.Actors.Tests.Usb;

public sealed class UsbEventSerializerTests : Akka.TestKit.Xunit.TestKit
{
    public UsbEventSerializerTests()
        : base(UsbEventSerializer.Configuration, "usb-serializer")
    {
    }

    private static readonly UsbDevice Ftdi = new("1-2", "/devices/pci0000:00/0000:00:14.0/usb1/1-2", "0403", "6001")
    {
        BusNumber = 1,
        DeviceNumber = 5,
        Serial = "A50285BI",
        DevNode = "/dev/bus/usb/001/005",
        Interfaces = [new UsbInterface("1-2:1.0", "ff", "ff", "ff", "ftdi_sio")],
    };

    [Fact]
    public void Events_and_a_snapshot_with_every_kind_in_its_history_read_back_equal_under_their_manifests()
    {
        var at = new DateTimeOffset(2026, 12, 3, 15, 0, 0, TimeSpan.Zero);
        UsbDeviceEvent[] events =
        [
            new DeviceAttached(1, at, Ftdi),
            new DeviceChanged(2, at, Ftdi with { DeviceNumber = 6 }, Ftdi),
            new DeviceDetached(3, at, Ftdi with { DeviceNumber = 6 }),
        ];
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(events[0]);
        Assert.Equal(7302, serializer.Identifier);

        foreach (var change in events)
        {
            var back = serializer.FromBinary(serializer.ToBinary(change), serializer.Manifest(change));
            Assert.Equal(change, back);
        }

        var snapshot = new UsbWatcherSnapshot(3, [Ftdi], events);
        var restored = Assert.IsType<UsbWatcherSnapshot>(serializer.FromBinary(serializer.ToBinary(snapshot), "usb.snapshot.v1"));
        Assert.Equal(events, restored.History);
        Assert.Equal(["attached", "changed", "detached"], restored.History.Select(e => e.Kind));
        Assert.Equal(Ftdi, Assert.Single(restored.Devices));
    }

    [Fact]
    public void An_unknown_manifest_is_a_serialization_error_naming_it()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(DeviceAttached));

        var error = Assert.Throws<System.Runtime.Serialization.SerializationException>(() => serializer.FromBinary("{}"u8.ToArray(), "usb.unplugged.v9"));

        Assert.Contains("usb.unplugged.v9", error.Message, StringComparison.Ordinal);
    }
}
