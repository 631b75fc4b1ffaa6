using System.Text;
using ProcessManager.Actors.Usb.Netlink;
using Xunit;

namespace ProcessManager.Actors.Tests.Usb;

public sealed class UeventParserTests
{
    /// <summary>As `udevadm monitor --kernel --property` printed a synthetic uevent of /dev/null.</summary>
    private static readonly byte[] NullAdd = Encoding.ASCII.GetBytes(
        "add@/devices/virtual/mem/null\0ACTION=add\0DEVPATH=/devices/virtual/mem/null\0SUBSYSTEM=mem\0SYNTH_UUID=0\0MAJOR=1\0MINOR=3\0DEVNAME=null\0DEVMODE=0666\0SEQNUM=825\0");

    [Fact]
    public void Reads_the_header_and_every_property()
    {
        Assert.True(UeventParser.TryParse(NullAdd, out var uevent, out var error), error);
        Assert.Equal(("add", "/devices/virtual/mem/null", "mem", "null"), (uevent!.Action, uevent.DevPath, uevent.Subsystem, uevent.KernelName));
        Assert.Equal("0666", uevent.Property("DEVMODE"));
        Assert.Equal(9, uevent.Properties.Count);
    }

    [Fact]
    public void Reads_a_recorded_usb_device_add()
    {
        var seq = 1;
        var payload = RecordedDevice.Ftdi().Attach(ref seq)[0];

        Assert.True(UeventParser.TryParse(payload, out var uevent, out _));
        Assert.Equal(("usb", "usb_device", "403/6001/600", "1-2"), (uevent!.Subsystem, uevent.DevType, uevent.Property("PRODUCT"), uevent.KernelName));
    }

    [Theory]
    [InlineData(10, "truncated")]
    [InlineData(1, "truncated")]
    [InlineData(41, "different from the header")]
    [InlineData(144, "no SEQNUM")]
    [InlineData(149, "truncated")]
    public void A_payload_cut_short_is_refused_with_a_reason(int keep, string reason)
    {
        // 41 ends after "ACTION=add\0", 144 after "DEVMODE=0666\0" (a cut at a property boundary), 149 inside SEQNUM.
        Assert.False(UeventParser.TryParse(NullAdd.AsSpan(0, keep), out var uevent, out var error));
        Assert.Null(uevent);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("libudev\0\u0001", "udevd")]
    [InlineData("add/devices/x\0ACTION=add\0", "ACTION@/DEVPATH")]
    [InlineData("add@/devices/x\0ACTION=add\0DEVPATH=/devices/other\0SEQNUM=1\0", "different")]
    [InlineData("add@/devices/x\0ACTION=add\0DEVPATH=/devices/x\0NOEQUALS\0SEQNUM=1\0", "KEY=VALUE")]
    [InlineData("add@/devices/x\0ACTION=add\0DEVPATH=/devices/x\0K=a\u0007b\0SEQNUM=1\0", "KEY=VALUE")]
    public void Malformed_payloads_are_refused_never_thrown(string text, string reason)
    {
        Assert.False(UeventParser.TryParse(Encoding.UTF8.GetBytes(text), out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(13);
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            if (bytes.Length > 5 && i % 2 == 0)
            {
                Encoding.ASCII.GetBytes("add@/").CopyTo(bytes, 0);
            }

            _ = UeventParser.TryParse(bytes, out _, out _);
        }

        Assert.True(UeventParser.TryParse(NullAdd, out _, out _));
    }
}
