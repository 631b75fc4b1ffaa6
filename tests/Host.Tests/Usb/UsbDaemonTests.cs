using System.Globalization;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Usb.Netlink;
using ProcessManager.Actors.Usb.Protocol;
using ProcessManager.Host.Hosting;

namespace ProcessManager.Host.Tests.Usb;

/// <summary>
/// A real daemon whose configuration binds an app to an FTDI adapter: an injected attach starts a real program (sleep)
/// for the device, with the device in its environment, and the detach stops it.
/// </summary>
public sealed partial class UsbDaemonTests : IDisposable
{
    private const string DevPath = "/devices/pci0000:00/0000:00:14.0/usb1/1-2";
    private readonly string _home = Directory.CreateTempSubdirectory("pbm-usb-daemon-").FullName;
    private readonly List<int> _pids = [];

    private static TimeSpan Patience => TestTime.Scale(TimeSpan.FromSeconds(30));

    private string Sysfs => Path.Combine(_home, "sys");

    [Fact]
    public async Task An_injected_attach_starts_the_bound_program_with_the_device_in_its_environment_and_the_detach_stops_it()
    {
        CreateFakeDevice();
        var config = Path.Combine(_home, "daemon.conf");
        await File.WriteAllTextAsync(config, $$"""
            pbm.usb { sysfs-root = "{{Sysfs}}", debounce = 0 }
            processes {
              holder {
                command = [sleep, "300"]
                usb { match { vendor = "0403", product = "6001" }, on-attach = start, on-detach = stop }
              }
            }
            """, TestContext.Current.CancellationToken);
        await using var daemon = await TestDaemon.StartAsync(configure: pm => pm.Options.ConfigFile = config, home: _home);
        var registry = daemon.Services.GetRequiredService<ActorRegistry>();
        var system = daemon.Services.GetRequiredService<ActorSystem>();
        var watcher = await registry.GetAsync<UsbWatcherKey>(TestContext.Current.CancellationToken);
        var supervisor = await registry.GetAsync<ProcessSupervisorKey>(TestContext.Current.CancellationToken);
        var events = Inbox.Create(system);
        system.EventStream.Subscribe(events.Receiver, typeof(ProcessStateChanged));

        // The device was present at start: the enumeration started it already. Detach, then attach it by uevents.
        Assert.Equal("/user/usb", watcher.Path.ToStringWithoutAddress());
        var first = await WaitForAsync(events, "holder.1-2-0", ProcessState.Running);
        _pids.Add(first.Status.Pid!.Value);
        Directory.Delete(Sysfs + DevPath, recursive: true);
        File.Delete(Path.Combine(Sysfs, "bus/usb/devices/1-2"));
        watcher.Tell(new InjectUevent(Uevent("remove", 2001)));
        await WaitUntilGoneAsync(first.Status.Pid!.Value);

        CreateFakeDevice();
        watcher.Tell(new InjectUevent(Uevent("add", 2002)));

        var running = await WaitForAsync(events, "holder.1-2-0", ProcessState.Running);
        var pid = running.Status.Pid!.Value;
        _pids.Add(pid);
        var environment = (await File.ReadAllTextAsync($"/proc/{pid}/environ", TestContext.Current.CancellationToken)).Split('\0');
        Assert.Contains("PBM_USB_DEVNODE=/dev/bus/usb/001/005", environment);
        Assert.Contains("PBM_USB_SERIAL=A50285BI", environment);
        Assert.Contains("PBM_USB_VENDOR=0403", environment);
        var devices = await watcher.Ask<UsbDeviceList>(ListUsbDevices.Instance, Patience, TestContext.Current.CancellationToken);
        Assert.Equal("FT232R USB UART", Assert.Single(devices.Devices).Product);
        var list = await supervisor.Ask<ProcessList>(ListProcesses.Instance, Patience, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(list.Processes, p => p.FullName == "holder-0"); // the template itself is not started

        Directory.Delete(Sysfs + DevPath, recursive: true);
        watcher.Tell(new InjectUevent(Uevent("remove", 2003)));

        await WaitUntilGoneAsync(pid);
        var history = await watcher.Ask<UsbHistory>(new GetUsbHistory(), Patience, TestContext.Current.CancellationToken);
        Assert.Equal(["attached", "detached", "attached", "detached"], history.Events.Select(e => e.Kind));
    }

    public void Dispose()
    {
        foreach (var pid in _pids.Where(IsAlive))
        {
            _ = kill(-pid, 9);
        }

        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // Harmless leftover in the temp folder.
        }
    }

    private static Task<ProcessStateChanged> WaitForAsync(Inbox events, string fullName, ProcessState state) =>
        WaitForAsync(events, fullName, s => s == state, state.ToString());

    private static async Task<ProcessStateChanged> WaitForAsync(Inbox events, string fullName, Predicate<ProcessState> state, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (await events.ReceiveAsync(Patience) is ProcessStateChanged changed && changed.FullName == fullName && state(changed.State))
            {
                return changed;
            }
        }

        throw new TimeoutException($"{fullName} did not reach {what}");
    }

    /// <summary>The program was sent its stop signal; its exit is the kernel's business: look until it is gone.</summary>
    private static async Task WaitUntilGoneAsync(int pid)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (IsAlive(pid))
        {
            Assert.True(DateTime.UtcNow < deadline, $"pid {pid} still runs");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    private static byte[] Uevent(string action, int seqnum) => UeventParser.Format(action, DevPath, new Dictionary<string, string>
    {
        ["SUBSYSTEM"] = "usb",
        ["MAJOR"] = "189",
        ["MINOR"] = "4",
        ["DEVNAME"] = "bus/usb/001/005",
        ["DEVTYPE"] = "usb_device",
        ["PRODUCT"] = "403/6001/600",
        ["TYPE"] = "0/0/0",
        ["BUSNUM"] = "001",
        ["DEVNUM"] = "005",
        ["SEQNUM"] = seqnum.ToString(CultureInfo.InvariantCulture),
    });

    private void CreateFakeDevice()
    {
        var directory = Sysfs + DevPath;
        Directory.CreateDirectory(directory);
        Directory.CreateDirectory(Path.Combine(Sysfs, "bus/usb/devices"));
        foreach (var (name, value) in new[]
        {
            ("idVendor", "0403"), ("idProduct", "6001"), ("busnum", "1"), ("devnum", "5"), ("serial", "A50285BI"),
            ("manufacturer", "FTDI"), ("product", "FT232R USB UART"), ("bDeviceClass", "00"), ("speed", "12"),
            ("uevent", "MAJOR=189\nMINOR=4\nDEVNAME=bus/usb/001/005\nDEVTYPE=usb_device\n"),
        })
        {
            File.WriteAllText(Path.Combine(directory, name), value + "\n");
        }

        File.CreateSymbolicLink(Path.Combine(Sysfs, "bus/usb/devices/1-2"), directory);
    }

    /// <summary>Alive and not a zombie waiting to be reaped.</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            return kill(pid, 0) == 0 && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    [System.Runtime.InteropServices.LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
