using Akka.Actor;
using ProcessManager.Actors.Processes;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Usb.Rules;
using Xunit;

namespace ProcessManager.Actors.Tests.Usb;

/// <summary>A rule with the real process supervisor: the device's program runs, stops when it goes and runs again when it is back.</summary>
public sealed partial class UsbRealSupervisorTests : UsbWatcherTestBase
{
    [Fact]
    public async Task The_per_device_app_is_declared_once_stopped_on_detach_and_only_started_again_on_the_return()
    {
        var states = CreateTestProbe("states");
        Sys.EventStream.Subscribe(states.Ref, typeof(ProcessStateChanged));
        var supervisor = Sys.ActorOf(ProcessSupervisor.Props(ProcessSupervisorSettings.Default with { LogDirectory = Home.File("logs") }), ProcessSupervisor.ActorName);
        var template = new ProcessSpec { Name = "holder", Argv = ["sleep", "300"], Stop = new StopSettings(15, TimeSpan.FromSeconds(5)) };
        var rule = new UsbRule("holder", new UsbMatch { Vendor = "0403" }, UsbAttachAction.Start, UsbDetachAction.Stop, new AppRuleTarget(template));
        var watcher = StartWatcher(rules: [rule], supervisor: supervisor);
        var pids = new List<int>();
        try
        {
            Plug(watcher, RecordedDevice.Ftdi());
            pids.Add(WaitFor(states, ProcessState.Running).Status.Pid!.Value);
            Unplug(watcher, RecordedDevice.Ftdi());
            WaitFor(states, ProcessState.Stopped);
            Plug(watcher, RecordedDevice.Ftdi());
            pids.Add(WaitFor(states, ProcessState.Running).Status.Pid!.Value);

            var list = await supervisor.Ask<ProcessList>(ListProcesses.Instance, Patience, TestContext.Current.CancellationToken);
            Assert.Equal("holder.1-2-0", Assert.Single(list.Processes).FullName);
            Assert.NotEqual(pids[0], pids[1]);
        }
        finally
        {
            foreach (var pid in pids)
            {
                _ = Kill(-pid, 9);
            }
        }
    }

    private static ProcessStateChanged WaitFor(Akka.TestKit.TestProbe states, ProcessState state) =>
        (ProcessStateChanged)states.FishForMessage(
            message => message is ProcessStateChanged changed && changed.FullName == "holder.1-2-0" && changed.State == state,
            Patience,
            cancellationToken: TestContext.Current.CancellationToken);

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
