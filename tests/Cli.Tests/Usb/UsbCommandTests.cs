using System.Text.Json;
using ProcessManager.Cli.Infrastructure;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Tests.Usb;

public sealed class UsbCommandTests
{
    private static readonly UsbDeviceInfo Ftdi = new(
        "1-2", "/devices/pci0000:00/0000:00:14.0/usb1/1-2", "0403", "6001", 1, 5, "FTDI", "FT232R USB UART", "A50285BI",
        "/dev/bus/usb/001/005", "00", "12", [new UsbInterfaceInfo("1-2:1.0", "ff", "ff", "ff", "ftdi_sio")]);

    private static PbmRunner Runner(bool terminal = false)
    {
        var runner = new PbmRunner(terminal);
        runner.Client.UsbDevices.Add(Ftdi);
        runner.Client.UsbEvents.Add(new UsbDeviceEventInfo(1, DateTimeOffset.UnixEpoch, "attached", Ftdi, null));
        runner.Client.UsbEvents.Add(new UsbDeviceEventInfo(2, DateTimeOffset.UnixEpoch.AddSeconds(1), "changed", Ftdi with { DeviceNumber = 6 }, Ftdi));
        return runner;
    }

    [Fact]
    public async Task List_shows_a_table_of_the_devices_on_a_terminal_and_tab_separated_lines_when_piped()
    {
        var piped = Runner();
        Assert.Equal(ExitCodes.Ok, await piped.RunAsync("usb", "list"));
        Assert.StartsWith("1-2\t0403:6001\tFTDI FT232R USB UART\tA50285BI\t1\t5\t/dev/bus/usb/001/005", piped.Console.Output, StringComparison.Ordinal);

        var runner = Runner(terminal: true);

        Assert.Equal(ExitCodes.Ok, await runner.RunAsync("usb", "list"));

        var lines = runner.Console.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("ID", lines[0], StringComparison.Ordinal);
        Assert.Contains("0403:6001", lines[1], StringComparison.Ordinal);
        Assert.Contains("FTDI FT232R USB UART", lines[1], StringComparison.Ordinal);
        Assert.Contains("/dev/bus/usb/001/005", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_json_is_the_api_objects()
    {
        var runner = Runner();

        Assert.Equal(ExitCodes.Ok, await runner.RunAsync("usb", "list", "--json"));

        var device = Assert.Single(JsonDocument.Parse(runner.Console.Output).RootElement.EnumerateArray().ToList());
        Assert.Equal("A50285BI", device.GetProperty("serial").GetString());
        Assert.Equal("ftdi_sio", device.GetProperty("interfaces")[0].GetProperty("driver").GetString());
    }

    [Fact]
    public async Task Describe_shows_the_bound_apps_and_events()
    {
        var runner = Runner();

        Assert.Equal(ExitCodes.Ok, await runner.RunAsync("usb", "describe", "1-2"));

        Assert.Contains("logger.1-2", runner.Console.Output, StringComparison.Ordinal);
        Assert.Contains("ff/ff/ff ftdi_sio", runner.Console.Output, StringComparison.Ordinal);
        Assert.Contains("usb describe 1-2", runner.Client.Calls);
    }

    [Fact]
    public async Task A_bad_device_id_is_a_usage_error_that_sends_nothing()
    {
        var runner = Runner();

        Assert.Equal(ExitCodes.Usage, await runner.RunAsync("usb", "describe", "../etc"));

        Assert.DoesNotContain(runner.Client.Calls, call => call.StartsWith("usb", StringComparison.Ordinal));
    }

    [Fact]
    public async Task History_lists_events_with_what_changed_and_filters_by_device()
    {
        var runner = Runner();

        Assert.Equal(ExitCodes.Ok, await runner.RunAsync("usb", "history", "1-2", "-n", "10"));

        Assert.Contains("usb history 10 1-2", runner.Client.Calls);
        Assert.Contains("devnum 5 → 6", runner.Console.Output, StringComparison.Ordinal);
        Assert.Contains("attached", runner.Console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Follow_prints_one_line_per_event_and_json_one_object_per_line()
    {
        var runner = Runner();
        Assert.Equal(ExitCodes.Ok, await runner.RunAsync("usb", "follow"));
        var lines = runner.Console.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("attached", lines[0], StringComparison.Ordinal);

        var json = Runner();
        Assert.Equal(ExitCodes.Ok, await json.RunAsync("usb", "follow", "--json"));
        var objects = json.Console.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(["attached", "changed"], objects.Select(o => o.GetProperty("kind").GetString()));
        Assert.Equal(5, objects[1].GetProperty("previous").GetProperty("deviceNumber").GetInt32());
    }
}
