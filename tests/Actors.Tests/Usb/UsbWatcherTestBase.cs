using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using ProcessManager.Actors.Tests.Processes;
using ProcessManager.Actors.Tests.Processes.Actors;
using ProcessManager.Actors.Usb;
using ProcessManager.Actors.Usb.Events;
using ProcessManager.Actors.Usb.Protocol;
using ProcessManager.Actors.Usb.Rules;
using Xunit;

namespace ProcessManager.Actors.Tests.Usb;

/// <summary>
/// An actor system per test whose journal is a SQLite file in a temp folder, a fake sysfs tree, and a probe on the
/// device events. The watcher reads recorded uevents injected in order (the netlink socket is off unless asked for).
/// </summary>
public abstract class UsbWatcherTestBase : Akka.TestKit.Xunit.TestKit
{
    private static readonly double TimeFactor =
        double.TryParse(Environment.GetEnvironmentVariable("PBM_TEST_TIME_FACTOR"), NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) && factor > 0 ? factor : 1;

    private int _seqnum = 1000;

    protected UsbWatcherTestBase()
        : this(new TempDirectory())
    {
    }

    private UsbWatcherTestBase(TempDirectory home)
        : base(Config(home), "usb-test")
    {
        Home = home;
        Events = CreateTestProbe("usb-events");
        Sys.EventStream.Subscribe(Events.Ref, typeof(UsbDeviceEvent));
    }

    /// <summary>Generous upper bound for anything a test waits for.</summary>
    protected static TimeSpan Patience => TimeSpan.FromSeconds(20 * TimeFactor);

    internal FakeSysfs Sysfs { get; } = new();

    protected TempDirectory Home { get; }

    protected TestProbe Events { get; }

    protected Config DaemonConfig => Sys.Settings.Config;

    internal UsbWatcherSettings Settings(TimeSpan? debounce = null) => new()
    {
        SysfsRoot = Sysfs.Root,
        Netlink = false,
        Debounce = debounce ?? TimeSpan.Zero,
        HistoryLimit = 500,
        SnapshotEvery = 50,
    };

    internal IActorRef StartWatcher(UsbWatcherSettings? settings = null, IReadOnlyList<UsbRule>? rules = null, IActorRef? supervisor = null, ActorSystem? system = null) =>
        (system ?? Sys).ActorOf(UsbWatcher.Props(settings ?? Settings(), rules, supervisor), UsbWatcher.ActorName);

    /// <summary>Plugs the device in: its sysfs directory first, then the kernel's uevents.</summary>
    internal void Plug(IActorRef watcher, RecordedDevice device)
    {
        Sysfs.Add(device);
        foreach (var payload in device.Attach(ref _seqnum))
        {
            watcher.Tell(new InjectUevent(payload));
        }
    }

    /// <summary>Pulls the device out: its sysfs directory goes, then the kernel's uevents.</summary>
    internal void Unplug(IActorRef watcher, RecordedDevice device)
    {
        Sysfs.Remove(device);
        foreach (var payload in device.Detach(ref _seqnum))
        {
            watcher.Tell(new InjectUevent(payload));
        }
    }

    protected static T Query<T>(IActorRef watcher, object query)
    {
        var reply = watcher.Ask<object>(query, Patience, TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        return reply is T typed ? typed : throw new Xunit.Sdk.XunitException($"expected {typeof(T).Name} but got {reply}");
    }

    protected T ExpectEvent<T>()
        where T : UsbDeviceEvent => Events.ExpectMsg<T>(Patience, cancellationToken: TestContext.Current.CancellationToken);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Sysfs.Dispose();
            Home.Dispose();
        }
    }

    private static Config Config(TempDirectory home) =>
        TestPersistence.For(home.File("pbm.db")).WithFallback(UsbEventSerializer.Configuration);
}
