using Akka.Actor;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Usb.Protocol;
using ProcessManager.Actors.Usb.Rules;
using Xunit;

namespace ProcessManager.Actors.Tests.Usb;

/// <summary>Rules replaced while the watcher runs (`pbm apply`): the devices present follow at once, and they outlive a restart.</summary>
public sealed class UsbRuleReplaceTests : UsbWatcherTestBase
{
    private const string File = "/srv/apps/usb.conf";

    private static readonly ProcessSpec Template = new() { Name = "logger", Argv = ["/usr/bin/serial-logger"], SourceFile = File };

    private static UsbRule Rule(string vendor, ProcessSpec? template = null) =>
        new("logger", new UsbMatch { Vendor = vendor }, UsbAttachAction.Start, UsbDetachAction.Stop, new AppRuleTarget(template ?? Template));

    [Fact]
    public void A_new_rule_starts_the_device_present_a_changed_one_restarts_it_and_one_that_no_longer_matches_stops_it()
    {
        var supervisor = CreateTestProbe("supervisor");
        var watcher = StartWatcher(supervisor: supervisor.Ref);
        Plug(watcher, RecordedDevice.Ftdi());
        ExpectEvent<Actors.Usb.Events.DeviceAttached>();
        supervisor.ExpectNoMsg(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);

        Assert.Equal(["logger"], Query<UsbRulesReplaced>(watcher, new ReplaceUsbRules(File, [Rule("0403")])).Apps);
        var started = supervisor.ExpectMsg<StartProcess>(Patience, cancellationToken: TestContext.Current.CancellationToken).Spec;
        Assert.Equal(("logger.1-2", "logger", File), (started.Name, started.DerivedFrom, started.SourceFile));

        // The same rule again: nothing to do. Another program: the device's app is replaced.
        Query<UsbRulesReplaced>(watcher, new ReplaceUsbRules(File, [Rule("0403")]));
        supervisor.ExpectNoMsg(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
        Query<UsbRulesReplaced>(watcher, new ReplaceUsbRules(File, [Rule("0403", Template with { Argv = ["/usr/bin/other-logger"] })]));
        Assert.Equal(["/usr/bin/other-logger"], supervisor.ExpectMsg<StartProcess>(Patience, cancellationToken: TestContext.Current.CancellationToken).Spec.Argv);

        // A match the device no longer meets stops it; a rule removed with its file stops it too.
        Query<UsbRulesReplaced>(watcher, new ReplaceUsbRules(File, [Rule("2341")]));
        Assert.Equal("logger.1-2", supervisor.ExpectMsg<StopProcess>(Patience, cancellationToken: TestContext.Current.CancellationToken).Name);
        Query<UsbRulesReplaced>(watcher, new ReplaceUsbRules(File, [Rule("0403")]));
        supervisor.ExpectMsg<StartProcess>(Patience, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Empty(Query<UsbRulesReplaced>(watcher, new ReplaceUsbRules(File, [])).Apps);
        Assert.Equal("logger.1-2", supervisor.ExpectMsg<StopProcess>(Patience, cancellationToken: TestContext.Current.CancellationToken).Name);
    }

    [Fact]
    public void Applied_rules_are_back_after_a_restart_of_the_watcher_and_the_configurations_stay_under_them()
    {
        var configured = new UsbRule("console", new UsbMatch { Vendor = "2341" }, UsbAttachAction.Start, UsbDetachAction.Stop, new AppRuleTarget(Template with { Name = "console" }));
        var watcher = StartWatcher(rules: [configured]);
        Query<UsbRulesReplaced>(watcher, new ReplaceUsbRules(File, [Rule("0403") with { Plugin = "audit" }]));
        Watch(watcher);
        Sys.Stop(watcher);
        ExpectTerminated(watcher, Patience, cancellationToken: TestContext.Current.CancellationToken);

        var supervisor = CreateTestProbe("supervisor");
        var restarted = StartWatcher(rules: [configured], supervisor: supervisor.Ref);

        var rules = Query<UsbRuleList>(restarted, ListUsbRules.Instance).Rules;
        Assert.Equal(["console", "logger"], rules.Select(rule => rule.App));
        Assert.Equal((File, "audit"), (rules[1].Source, rules[1].PluginName));
        Assert.Equal(["/usr/bin/serial-logger"], Assert.IsType<AppRuleTarget>(rules[1].Target).Template.Argv);
        Plug(restarted, RecordedDevice.Ftdi());
        Assert.Equal("logger.1-2", supervisor.ExpectMsg<StartProcess>(Patience, cancellationToken: TestContext.Current.CancellationToken).Spec.Name);
    }
}
