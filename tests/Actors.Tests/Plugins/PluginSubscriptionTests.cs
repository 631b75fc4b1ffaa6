using ProcessManager.Actors.Plugins.History;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Usb;
using ProcessManager.Actors.Usb.Events;
using Xunit;

namespace ProcessManager.Actors.Tests.Plugins;

/// <summary>A manifest's subscribe block: process state changes, USB device events and a schedule reach a real worker as requests.</summary>
public sealed class PluginSubscriptionTests : PluginTestBase
{
    [Fact]
    public void Subscribed_process_changes_matching_usb_events_and_ticks_reach_the_worker_and_nothing_else_does()
    {
        var history = CreateTestProbe();
        InstallPython("watcher", """
            subscribe {
              processes = [web]
              usb = [{ vendor = "0403", action = add }]
              schedule = 1s
            }
            """);
        var host = StartHost(history: history.Ref);
        AwaitPlugin(host, "watcher", s => s.Workers.Any(w => w.State == "idle"));

        Sys.EventStream.Publish(Changed("other", ProcessState.Running));
        Sys.EventStream.Publish(Changed("web", ProcessState.BackingOff));
        Sys.EventStream.Publish(new DeviceAttached(1, DateTimeOffset.UtcNow, new UsbDevice("1-3", "/devices/x/1-3", "046d", "c52b")));
        Sys.EventStream.Publish(new DeviceDetached(2, DateTimeOffset.UtcNow, new UsbDevice("1-2", "/devices/x/1-2", "0403", "6001")));
        Sys.EventStream.Publish(new DeviceAttached(3, DateTimeOffset.UtcNow, new UsbDevice("1-2", "/devices/x/1-2", "0403", "6001") { Serial = "A50285BI" }));

        var records = new List<InvocationRecord>();
        AwaitCondition(
            () =>
            {
                while (history.HasMessages)
                {
                    records.Add(history.ExpectMsg<InvocationRecord>());
                }

                return records.Any(r => r.Method == "tick") && records.Any(r => r.Method == "usb") && records.Any(r => r.Method == "process");
            },
            Patience,
            TimeSpan.FromMilliseconds(50),
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.All(records, r => Assert.Equal("ok", r.Code));
        // The history keeps the first 200 characters of each result: the worker echoed the params it got.
        var process = Assert.Single(records, r => r.Method == "process").Summary;
        Assert.Contains("\"name\": \"web\"", process, StringComparison.Ordinal);
        Assert.Contains("\"state\": \"backing-off\"", process, StringComparison.Ordinal);
        Assert.Contains("\"previous\": \"running\"", process, StringComparison.Ordinal);
        var usb = Assert.Single(records, r => r.Method == "usb").Summary;
        Assert.Contains("\"event\": \"attached\"", usb, StringComparison.Ordinal);
        Assert.Contains("\"rule\": \"subscribe\"", usb, StringComparison.Ordinal);
    }

    private static ProcessStateChanged Changed(string name, ProcessState state) => new(
        new ProcessStatus(name, 0, name + "-0", state, null, 1, null, null, null, 1, null, null, null, 0, ProcessKind.Service),
        ProcessState.Running,
        "test",
        DateTimeOffset.UtcNow);
}
