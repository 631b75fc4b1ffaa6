using Akka.Actor;
using ProcessManager.Actors.Processes;
using ProcessManager.Actors.Usb;
using ProcessManager.Actors.Usb.Events;
using ProcessManager.Host.Backend;
using ProcessManager.Host.Hosting;

namespace ProcessManager.Host.Tests.Usb;

/// <summary>USB device events reach the API's general event stream (/v1/events) beside process state changes.</summary>
public sealed class UsbGeneralEventsTests : IAsyncDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("pbm-usb-events-").FullName;
    private ActorSystem? _system;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Device_events_on_the_event_stream_come_out_of_the_general_events_stream_in_order()
    {
        var setup = ProcessManagerSetup.Load(new ProcessManagerOptions { PbmHome = _home });
        _system = ActorSystem.Create("usb-general-events", ProcessManagerAkkaConfig.For(setup));
        var backend = new ActorProcessBackend(_system, _system.StartProcessSupervisor(setup.Supervisor), setup);
        await using var events = backend.EventsAsync(Ct).GetAsyncEnumerator(Ct);
        var first = events.MoveNextAsync().AsTask();

        var ftdi = new UsbDevice("1-2", "/devices/pci0000:00/0000:00:14.0/usb1/1-2", "0403", "6001")
        {
            Manufacturer = "FTDI",
            Product = "FT232R USB UART",
            Interfaces = [new UsbInterface("1-2:1.0", "ff", "ff", "ff", "ftdi_sio") { Tty = "ttyUSB0" }],
        };

        // The forwarder subscribes when the stream starts; publish until the first one is through.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!first.IsCompleted && DateTime.UtcNow < deadline)
        {
            _system.EventStream.Publish(new DeviceAttached(1, DateTimeOffset.UtcNow, ftdi));
            await Task.WhenAny(first, Task.Delay(50, Ct));
        }

        Assert.True(await first);
        var attached = events.Current;
        Assert.Equal(("usb", "usb:1-2", "attached"), (attached.Source, attached.Process, attached.Status));
        Assert.Null(attached.Pid);
        Assert.Equal("0403:6001 FTDI FT232R USB UART /dev/ttyUSB0", attached.Detail);
        Assert.Equal("/dev/ttyUSB0", Assert.Single(attached.Usb!.Device.Interfaces).Tty);

        _system.EventStream.Publish(new DeviceDetached(2, DateTimeOffset.UtcNow, ftdi));
        do
        {
            Assert.True(await events.MoveNextAsync());
        }
        while (events.Current.Status == "attached");

        Assert.Equal(("usb:1-2", "detached", 2L), (events.Current.Process, events.Current.Status, events.Current.Usb!.Sequence));
    }

    public async ValueTask DisposeAsync()
    {
        if (_system is not null)
        {
            await _system.Terminate();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_home, recursive: true);
    }
}
