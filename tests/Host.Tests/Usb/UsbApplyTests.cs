using Akka.Actor;
using Akka.Hosting;
using ProcessManager.Actors.Processes;
using ProcessManager.Actors.Usb;
using ProcessManager.Actors.Usb.Protocol;
using ProcessManager.Contracts.Dtos;
using ProcessManager.Host.Api;
using ProcessManager.Host.Backend;
using ProcessManager.Host.Hosting;

namespace ProcessManager.Host.Tests.Usb;

/// <summary>
/// `pbm apply` of a file whose app has a usb block (the actor backend, with a real supervisor and watcher on a fake
/// sysfs): the watcher takes the file's rule at once, starts a real program for the device present, keeps its
/// per-device app over a re-apply, and the app goes when the file no longer has the rule.
/// </summary>
public sealed partial class UsbApplyTests : IAsyncDisposable
{
    private const string DevPath = "/devices/pci0000:00/0000:00:14.0/usb1/1-2";
    private readonly string _home = Directory.CreateTempSubdirectory("pbm-usb-apply-").FullName;
    private readonly List<int> _pids = [];
    private ActorSystem? _system;
    private ActorProcessBackend? _backend;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TimeSpan Patience => TestTime.Scale(TimeSpan.FromSeconds(30));

    private string Sysfs => Path.Combine(_home, "sys");

    private string File => Path.Combine(_home, "apps.conf");

    [Fact]
    public async Task An_applied_usb_rule_runs_at_once_survives_a_re_apply_and_its_per_device_app_goes_with_it()
    {
        CreateFakeDevice();
        var backend = await StartAsync();
        var withRule = """
            processes {
              plain { command = [sleep, "300"] }
              holder {
                command = [sleep, "301"]
                usb { match { vendor = "0403" }, on-attach = start, on-detach = stop }
              }
            }
            """;

        var first = await backend.ApplyAsync(new ApplyConfigRequest(withRule, File), Ct);

        Assert.Equal(["plain"], first.Added); // the rule's app is a template, not an app
        var running = await WaitForAsync(backend, "holder.1-2", p => p.Status == "running");
        _pids.Add(running.Pid!.Value);
        var environment = (await System.IO.File.ReadAllTextAsync($"/proc/{running.Pid}/environ", Ct)).Split('\0');
        Assert.Contains("PBM_USB_ID=1-2", environment);

        // The same file again: the per-device app is the rule's, not "missing from the file".
        var again = await backend.ApplyAsync(new ApplyConfigRequest(withRule, File), Ct);
        Assert.Empty(again.Removed);
        Assert.DoesNotContain("holder.1-2", again.Kept ?? []);
        Assert.Equal(running.Pid, (await WaitForAsync(backend, "holder.1-2", p => p.Status == "running")).Pid);

        // A dry run of a file without the rule says the per-device app would go, and changes nothing.
        var withoutRule = "processes { plain { command = [sleep, \"300\"] } }";
        var planned = await backend.ApplyAsync(new ApplyConfigRequest(withoutRule, File, DryRun: true), Ct);
        Assert.Equal(["holder.1-2"], planned.Removed);
        Assert.Equal(running.Pid, (await WaitForAsync(backend, "holder.1-2", p => p.Status == "running")).Pid);

        var removed = await backend.ApplyAsync(new ApplyConfigRequest(withoutRule, File), Ct);

        Assert.Equal(["holder.1-2"], removed.Removed);
        Assert.DoesNotContain(await backend.ListAsync(Ct), p => p.Name.StartsWith("holder", StringComparison.Ordinal));
        var rules = await Watcher.Ask<UsbRuleList>(ListUsbRules.Instance, Patience, Ct);
        Assert.Empty(rules.Rules);
        await WaitUntilGoneAsync(running.Pid!.Value);
    }

    [Fact]
    public async Task A_bad_usb_block_in_an_applied_file_is_refused_with_its_line_and_changes_nothing()
    {
        var backend = await StartAsync();

        var refused = await Assert.ThrowsAsync<ApiException>(() => backend.ApplyAsync(new ApplyConfigRequest("""
            processes {
              holder {
                command = [sleep, "300"]
                usb { match { vendor = "43" } }
              }
            }
            """, File), Ct));

        Assert.Contains("apps.conf:4: holder.usb.match.vendor", refused.Detail, StringComparison.Ordinal);
        Assert.Empty((await Watcher.Ask<UsbRuleList>(ListUsbRules.Instance, Patience, Ct)).Rules);
    }

    public async ValueTask DisposeAsync()
    {
        if (_backend is not null)
        {
            _pids.AddRange((await _backend.ListAsync(CancellationToken.None)).Select(p => p.Pid).OfType<int>());
        }

        foreach (var pid in _pids)
        {
            // Each program leads its own process group: kill it first, so stopping does not wait out its timeout.
            _ = Kill(-pid, 9);
        }

        if (_system is not null)
        {
            await CoordinatedShutdown.Get(_system).Run(CoordinatedShutdown.ActorSystemTerminateReason.Instance);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_home, recursive: true);
    }

    private IActorRef Watcher { get; set; } = ActorRefs.Nobody;

    private async Task<ActorProcessBackend> StartAsync()
    {
        var config = Path.Combine(_home, "daemon.conf");
        await System.IO.File.WriteAllTextAsync(config, $"pbm.usb {{ sysfs-root = \"{Sysfs}\", debounce = 0 }}\n", Ct);
        var setup = ProcessManagerSetup.Load(new ProcessManagerOptions { PbmHome = _home, ConfigFile = config });
        _system = ActorSystem.Create("usb-apply", ProcessManagerAkkaConfig.For(setup).WithFallback(Actors.Usb.Events.UsbEventSerializer.Configuration));
        var supervisor = _system.StartProcessSupervisor(setup.Supervisor);
        Watcher = _system.ActorOf(UsbWatcher.Props(setup.Usb with { Netlink = false }, [], supervisor), UsbWatcher.ActorName);
        ActorRegistry.For(_system).Register<UsbWatcherKey>(Watcher);
        await Watcher.Ask<UsbDeviceList>(ListUsbDevices.Instance, Patience, Ct);
        return _backend = new ActorProcessBackend(_system, supervisor, setup);
    }

    private static async Task<ProcessStatus> WaitForAsync(ActorProcessBackend backend, string instance, Func<ProcessStatus, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var found = (await backend.ListAsync(Ct)).FirstOrDefault(p => p.Name == instance);
            if (found is not null && condition(found))
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{instance}: {found}");
            await Task.Delay(50, Ct);
        }
    }

    private static async Task WaitUntilGoneAsync(int pid)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (Kill(pid, 0) == 0 && !System.IO.File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"pid {pid} still runs");
            await Task.Delay(20, Ct);
        }
    }

    private void CreateFakeDevice()
    {
        var directory = Sysfs + DevPath;
        Directory.CreateDirectory(directory);
        Directory.CreateDirectory(Path.Combine(Sysfs, "bus/usb/devices"));
        foreach (var (name, value) in new[]
        {
            ("idVendor", "0403"), ("idProduct", "6001"), ("busnum", "1"), ("devnum", "5"), ("serial", "A50285BI"),
            ("bDeviceClass", "00"), ("uevent", "MAJOR=189\nMINOR=4\nDEVNAME=bus/usb/001/005\nDEVTYPE=usb_device\n"),
        })
        {
            System.IO.File.WriteAllText(Path.Combine(directory, name), value + "\n");
        }

        System.IO.File.CreateSymbolicLink(Path.Combine(Sysfs, "bus/usb/devices/1-2"), directory);
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
