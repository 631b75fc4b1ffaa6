using System.Text.Json;
using ProcessManager.Cli.Infrastructure;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Tests.Usb;

/// <summary>USB device events on `pbm process events`, and the tty of a serial adapter in `pbm usb describe`.</summary>
public sealed class UsbOnGeneralEventsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static readonly UsbDeviceInfo Ftdi = new(
        "1-2", "/devices/pci0000:00/0000:00:14.0/usb1/1-2", "0403", "6001", 1, 5, "FTDI", "FT232R USB UART", "A50285BI",
        "/dev/bus/usb/001/005", "00", "12", [new UsbInterfaceInfo("1-2:1.0", "ff", "ff", "ff", "ftdi_sio", "/dev/ttyUSB0")]);

    private static ProcessEvent Attached => new(
        At, "usb:1-2", "attached", null, "0403:6001 FTDI FT232R USB UART /dev/ttyUSB0", Source: "usb",
        Usb: new UsbDeviceEventInfo(7, At, "attached", Ftdi, null));

    [Fact]
    public async Task Process_events_show_device_events_as_their_own_lines_and_a_name_filter_leaves_them_out()
    {
        var all = await RunUntilDrainedAsync(With(Attached), "process", "events");
        var web = await RunUntilDrainedAsync(With(Attached), "process", "events", "web");
        var json = await RunUntilDrainedAsync(With(Attached), "process", "events", "--json");

        var lines = all.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("2026-11-22 12:00:01  usb:1-2              attached                   -          0403:6001 FTDI FT232R USB UART /dev/ttyUSB0", lines[1]);
        Assert.Contains("web-0", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("usb:1-2", web, StringComparison.Ordinal);
        var usb = JsonDocument.Parse(json.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1]).RootElement;
        Assert.Equal("usb", usb.GetProperty("source").GetString());
        Assert.Equal("/dev/ttyUSB0", usb.GetProperty("usb").GetProperty("device").GetProperty("interfaces")[0].GetProperty("tty").GetString());
        Assert.False(JsonDocument.Parse(json.Split('\n')[0]).RootElement.TryGetProperty("source", out _));
    }

    [Fact]
    public async Task Describe_shows_the_tty_of_a_serial_adapter()
    {
        var runner = new PbmRunner();
        runner.Client.UsbDevices.Add(Ftdi);

        Assert.Equal(ExitCodes.Ok, await runner.RunAsync("usb", "describe", "1-2"));

        Assert.Contains("tty\t/dev/ttyUSB0", runner.Console.Output, StringComparison.Ordinal);
    }

    private static PbmRunner With(ProcessEvent usb)
    {
        var runner = new PbmRunner(terminal: true);
        runner.Client.Events.Add(new ProcessEvent(At, "web-0", "running", 42, null, Previous: "starting"));
        runner.Client.Events.Add(usb with { Timestamp = At.AddSeconds(1) });
        return runner;
    }

    private static async Task<string> RunUntilDrainedAsync(PbmRunner runner, params string[] args)
    {
        using var ctrlC = new CancellationTokenSource();
        var run = runner.RunAsync(ctrlC.Token, args);
        await runner.Client.EventsDrained.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await ctrlC.CancelAsync();
        Assert.Equal(ExitCodes.Ok, await run);
        return runner.Console.Output;
    }
}
