using System.Net.Sockets;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Usb.Events;
using ProcessManager.Actors.Usb.Netlink;
using ProcessManager.Actors.Usb.Protocol;
using ProcessManager.Actors.Usb.Rules;
using ProcessManager.Actors.Usb.Sysfs;
using ProcessManager.Actors.Usb.Tracking;

namespace ProcessManager.Actors.Usb;

/// <summary>
/// The USB device watcher (/user/usb). Its state is the device table: read from sysfs at start, then kept up to date
/// by the kernel's uevents, which a reader task receives from a netlink socket and tells it (no polling, nothing blocks
/// the mailbox). Every change is a <see cref="UsbDeviceEvent"/>: applied and published at once, then persisted
/// (persistence id "usb") with a bounded history and snapshots, so that `pbm usb history` survives a restart.
/// When the kernel dropped uevents (ENOBUFS) or the actor (re)starts, sysfs is enumerated again and only the
/// differences are emitted. A device that changes again within the debounce window after a change gets one more
/// change at most, with its state at the end of the window. Rules start or stop a per-device app through the
/// process supervisor.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "An actor's resources are released in PostStop, which Akka always runs.")]
public sealed partial class UsbWatcher : ReceivePersistentActor, IWithTimers
{
    /// <summary>The actor's name under /user.</summary>
    public const string ActorName = "usb";

    /// <summary>The watcher's journal stream.</summary>
    public const string PersistenceIdentifier = "usb";

    /// <summary>Malformed payloads logged one by one before only every 1000th is.</summary>
    private const int MalformedLoggedInFull = 10;

    /// <summary>How often a refused start of a per-device app is tried (the app may still be being deleted).</summary>
    private const int MaxRuleAttempts = 5;

    private static readonly TimeSpan RuleRetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>A start answers once the program runs; beyond this the command is counted as failed.</summary>
    private static readonly TimeSpan RuleCommandTimeout = TimeSpan.FromMinutes(2);

    private readonly UsbWatcherSettings _settings;
    private readonly IReadOnlyList<UsbRule> _rules;
    private readonly IActorRef? _supervisor;
    private readonly SysfsUsbReader _sysfs;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <summary>The devices as the emitted events say they are: what subscribers and the journal have seen.</summary>
    private readonly Dictionary<string, UsbDevice> _table = new(StringComparer.Ordinal);

    /// <summary>The devices as last observed (uevents, sysfs); differs from the table only inside a debounce window.</summary>
    private readonly Dictionary<string, UsbDevice> _observed = new(StringComparer.Ordinal);

    /// <summary>Devices whose debounce window is open; at most one timer each.</summary>
    private readonly HashSet<string> _windows = new(StringComparer.Ordinal);

    /// <summary>The last events, oldest first, at most HistoryLimit.</summary>
    private readonly Queue<UsbDeviceEvent> _history = new();

    /// <summary>Devices a uevent touched while an enumeration ran: their uevent state is newer than the enumeration's.</summary>
    private readonly HashSet<string> _touchedDuringResync = new(StringComparer.Ordinal);

    /// <summary>Who asked for the running resynchronization (at most a handful: asking again while one runs joins it).</summary>
    private readonly List<IActorRef> _resyncRequesters = [];

    /// <summary>Raw-uevent subscribers and their subsystem, at most MaxUeventSubscribers.</summary>
    private readonly Dictionary<IActorRef, string> _ueventSubscribers = [];

    private readonly CancellationTokenSource _stopping = new();
    private readonly Channel<byte[]> _injected;
    private UeventSocket? _socket;
    private long _sequence;
    private int _sinceSnapshot;
    private bool _resyncing;
    private bool _resyncAgain;
    private bool _busPresent;
    private bool _noBusReported;
    private long _received;
    private long _malformed;
    private long _overflows;
    private long _resyncs;
    private long _refused;
    private long _injectDropped;
    private long _ruleFailures;
    private long _emitted;

    public UsbWatcher(UsbWatcherSettings settings, IReadOnlyList<UsbRule> rules, IActorRef? supervisor)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
        _rules = rules;
        _supervisor = supervisor;
        _sysfs = new SysfsUsbReader(settings.SysfsRoot);
        _injected = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(settings.InjectQueue) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is UsbWatcherSnapshot snapshot)
            {
                Restore(snapshot);
            }
        });
        Recover<UsbDeviceEvent>(Apply);
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<UsbDeviceSeen>(Seen);
        Command<UsbDeviceGone>(gone => Gone(gone.Id, gone.DevPath));
        Command<UsbInterfaceSeen>(InterfaceSeen);
        Command<OtherUevent>(Other);
        Command<MalformedUevent>(Malformed);
        Command<UeventsLost>(_ => Lost());
        Command<UeventSourceFailed>(failed =>
        {
            _log.Error(failed.Error, "USB watcher: the uevent socket failed; devices are no longer followed (the table stays as it was)");
            _socket?.Dispose();
            _socket = null;
        });
        Command<SysfsEnumerated>(Enumerated);
        Command<Status.Failure>(failure =>
        {
            _log.Warning("USB watcher: reading {0} failed: {1}", _sysfs.BusDirectory, failure.Cause.Message);
            Enumerated(new SysfsEnumerated([.. _observed.Values]));
        });
        Command<DebounceElapsed>(elapsed => WindowClosed(elapsed.Id));

        Command<ListUsbDevices>(_ => Sender.Tell(new UsbDeviceList([.. _table.Values.OrderBy(d => d.Id, StringComparer.Ordinal)])));
        Command<DescribeUsbDevice>(Describe);
        // Answered once the events before it are in the journal: the history shown is the history kept.
        Command<GetUsbHistory>(query => DeferAsync(query, deferred => Sender.Tell(new UsbHistory(History(deferred.Limit, deferred.DeviceId)))));
        Command<GetUsbWatcherStatus>(_ => Sender.Tell(CurrentStatus()));
        Command<ResynchronizeUsb>(_ =>
        {
            _resyncRequesters.Add(Sender);
            StartResync();
        });
        Command<InjectUevent>(Inject);
        Command<SubscribeUevents>(Subscribe);
        Command<UnsubscribeUevents>(_ => Unsubscribe(Sender));
        Command<Terminated>(terminated => Unsubscribe(terminated.ActorRef));

        Command<RuleCommandReply>(RuleReplied);
        Command<RetryRuleCommand>(retry => SendRuleCommand(retry.Command, retry.Attempt));

        Command<SaveSnapshotSuccess>(OnSnapshotSaved);
        Command<SaveSnapshotFailure>(failed => _log.Warning(failed.Cause, "USB watcher: saving a snapshot failed"));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(failed => _log.Warning(failed.Cause, "USB watcher: trimming old journal events failed"));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
    }

    public override string PersistenceId => PersistenceIdentifier;

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The watcher with its rules; <paramref name="supervisor"/> receives their commands (may be null without rules).</summary>
    public static Props Props(UsbWatcherSettings settings, IReadOnlyList<UsbRule>? rules = null, IActorRef? supervisor = null) =>
        Akka.Actor.Props.Create(() => new UsbWatcher(settings, rules ?? Array.Empty<UsbRule>(), supervisor));

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        _socket?.Dispose();
        _injected.Writer.TryComplete();
        base.PostStop();
    }

    private void OnRecovered()
    {
        foreach (var (id, device) in _table)
        {
            _observed[id] = device;
        }

        var self = Self;
        var interpreter = new UeventInterpreter(_sysfs);
        if (_settings.Netlink)
        {
            // The socket is open before sysfs is read, so that nothing happening in between is missed.
            try
            {
                var socket = UeventSocket.Open(_settings.ReceiveBufferBytes);
                _socket = socket;
                _ = Task.Run(() => UeventPump.ReadNetlinkAsync(socket, interpreter, self, _stopping.Token));
            }
            catch (SocketException error)
            {
                _log.Warning("USB watcher: cannot follow the kernel's uevents ({0}); the table is read from sysfs only on request", error.Message);
            }
        }

        _ = Task.Run(() => UeventPump.ReadInjectedAsync(_injected.Reader, interpreter, self, _stopping.Token));
        StartResync();
    }

    private void StartResync()
    {
        if (_resyncing)
        {
            _resyncAgain = true;
            return;
        }

        _resyncing = true;
        _resyncs++;
        _touchedDuringResync.Clear();
        var sysfs = _sysfs;
        Task.Run(() => new SysfsEnumerated(sysfs.Enumerate())).PipeTo(Self);
    }

    private void Enumerated(SysfsEnumerated enumerated)
    {
        _resyncing = false;
        _busPresent = enumerated.Devices is not null;
        if (enumerated.Devices is null && !_noBusReported)
        {
            _noBusReported = true;
            _log.Info("USB watcher: {0} does not exist, this machine has no USB bus; the device table stays empty", _sysfs.BusDirectory);
        }

        var listed = new Dictionary<string, UsbDevice>(StringComparer.Ordinal);
        foreach (var device in enumerated.Devices ?? [])
        {
            if (listed.Count < _settings.MaxDevices || _observed.ContainsKey(device.Id))
            {
                listed[device.Id] = device;
            }
            else
            {
                _refused++;
            }
        }

        // A uevent that arrived while sysfs was read is at least as new as what the enumeration saw.
        foreach (var id in _observed.Keys.Where(id => !_touchedDuringResync.Contains(id)).ToList())
        {
            _observed.Remove(id);
        }

        foreach (var (id, device) in listed.Where(pair => !_touchedDuringResync.Contains(pair.Key)))
        {
            _observed[id] = device;
        }

        _touchedDuringResync.Clear();
        var differences = 0;
        var ids = _table.Keys.Union(_observed.Keys)
            .Where(id => !_windows.Contains(id))
            .OrderBy(id => _observed.ContainsKey(id) ? 1 : 0) // detaches first
            .ThenBy(id => id, StringComparer.Ordinal)
            .ToList();
        foreach (var id in ids)
        {
            if (Emit(id))
            {
                differences++;
            }
        }

        foreach (var requester in _resyncRequesters)
        {
            requester.Tell(new UsbResynchronized(differences));
        }

        _resyncRequesters.Clear();
        if (_resyncAgain)
        {
            _resyncAgain = false;
            StartResync();
        }
    }

    private void Seen(UsbDeviceSeen seen)
    {
        _received++;
        var device = seen.Device;

        // A device read from its uevent alone (gone from sysfs already) keeps what sysfs told before: strings, interfaces.
        if (!seen.FromSysfs && _observed.TryGetValue(device.Id, out var known) && known.DevPath == device.DevPath)
        {
            device = device with
            {
                Manufacturer = device.Manufacturer ?? known.Manufacturer,
                Product = device.Product ?? known.Product,
                Serial = device.Serial ?? known.Serial,
                Speed = device.Speed ?? known.Speed,
                Interfaces = device.Interfaces.Count > 0 ? device.Interfaces : known.Interfaces,
            };
        }

        Observe(device.Id, device);
    }

    private void Gone(string id, string devPath)
    {
        _received++;

        // A hub's children go with it, even if their own remove uevents were lost.
        var prefix = devPath + "/";
        foreach (var child in _observed.Values.Where(d => d.DevPath.StartsWith(prefix, StringComparison.Ordinal)).Select(d => d.Id).ToList())
        {
            Observe(child, null);
        }

        Observe(id, null);
    }

    private void InterfaceSeen(UsbInterfaceSeen seen)
    {
        _received++;
        if (!_observed.TryGetValue(seen.DeviceId, out var device))
        {
            return; // its device is unknown (refused, or its add was lost: the next resynchronization has both)
        }

        var interfaces = device.Interfaces.ToList();
        var index = interfaces.FindIndex(i => i.Name == seen.Interface.Name);
        var known = index >= 0 ? interfaces[index] : null;
        var updated = seen.Action switch
        {
            "remove" => null,

            // An add or change says nothing about the driver (sysfs may already have told it); bind and unbind do.
            "add" or "change" => seen.Interface with { Driver = known?.Driver },
            _ => seen.Interface,
        };
        if (index >= 0)
        {
            interfaces.RemoveAt(index);
        }

        if (updated is not null)
        {
            interfaces.Add(updated);
            interfaces.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        }

        Observe(device.Id, device with { Interfaces = interfaces });
    }

    private void Other(OtherUevent other)
    {
        _received++;
        foreach (var (subscriber, subsystem) in _ueventSubscribers)
        {
            if (subsystem == other.Uevent.Subsystem)
            {
                subscriber.Tell(new UeventObserved(other.Uevent, other.ReceivedTimestamp));
            }
        }
    }

    private void Malformed(MalformedUevent malformed)
    {
        _received++;
        _malformed++;
        if (_malformed <= MalformedLoggedInFull || _malformed % 1000 == 0)
        {
            _log.Warning("USB watcher: refused a uevent ({0} so far): {1}", _malformed, malformed.Reason);
        }
    }

    private void Lost()
    {
        _overflows++;
        _log.Warning("USB watcher: the kernel dropped uevents (ENOBUFS, {0} times so far; raise pbm.usb.receive-buffer?); resynchronizing from sysfs", _overflows);
        StartResync();
    }

    /// <summary>Records the observed state of one device and emits its change now, or at the end of its debounce window.</summary>
    private void Observe(string id, UsbDevice? device)
    {
        if (_resyncing && _touchedDuringResync.Count < _settings.MaxDevices)
        {
            _touchedDuringResync.Add(id);
        }
        else if (_resyncing)
        {
            _resyncAgain = true;
        }

        if (device is null)
        {
            _observed.Remove(id);
        }
        else if (_observed.ContainsKey(id) || _observed.Count < _settings.MaxDevices)
        {
            _observed[id] = device;
        }
        else
        {
            _refused++;
            _log.Warning("USB watcher: the device table is full (pbm.usb.max-devices = {0}); {1} is not tracked", _settings.MaxDevices, id);
            return;
        }

        if (_settings.Debounce == TimeSpan.Zero)
        {
            Emit(id);
            return;
        }

        if (_windows.Contains(id))
        {
            return; // coalesced: the window's end emits the state it leaves
        }

        // An arrival is announced at once (a bound program starts without delay); a departure or change waits for the
        // window, so that a device that drops off and comes back within it (a flaky cable) keeps its program running.
        if (!_table.ContainsKey(id) && device is not null)
        {
            if (Emit(id))
            {
                OpenWindow(id);
            }
        }
        else if (Change(id) is not null)
        {
            OpenWindow(id);
        }
    }

    private void OpenWindow(string id)
    {
        _windows.Add(id);
        Timers.StartSingleTimer("debounce/" + id, new DebounceElapsed(id), _settings.Debounce);
    }

    private void WindowClosed(string id)
    {
        _windows.Remove(id);

        // What changed inside the window is one change; a device that keeps flapping stays coalesced window after window.
        if (Emit(id))
        {
            OpenWindow(id);
        }
    }

    /// <summary>The difference between the table and the observation of one device, if any.</summary>
    private UsbDeviceEvent? Change(string id)
    {
        _table.TryGetValue(id, out var before);
        _observed.TryGetValue(id, out var after);
        var now = DateTimeOffset.UtcNow;
        return (before, after) switch
        {
            (null, { } attached) => new DeviceAttached(_sequence + 1, now, attached),
            ({ } detached, null) => new DeviceDetached(_sequence + 1, now, detached),
            ({ } previous, { } current) when !previous.Equals(current) => new DeviceChanged(_sequence + 1, now, current, previous),
            _ => null,
        };
    }

    /// <summary>Emits the difference between the table and the observation of one device, if any.</summary>
    private bool Emit(string id)
    {
        if (Change(id) is not { } change)
        {
            return false;
        }

        Apply(change);
        _emitted++;
        Context.System.EventStream.Publish(change);
        RunRules(change);
        PersistAsync(change, _ =>
        {
            if (_settings.SnapshotEvery > 0 && ++_sinceSnapshot >= _settings.SnapshotEvery)
            {
                _sinceSnapshot = 0;
                SaveSnapshot(new UsbWatcherSnapshot(_sequence, [.. _table.Values], [.. _history]));
            }
        });
        return true;
    }

    private void RunRules(UsbDeviceEvent change)
    {
        if (_supervisor is null || _rules.Count == 0)
        {
            return;
        }

        foreach (var command in UsbRuleCommands.For(change, _rules, _settings.SysfsRoot))
        {
            _log.Info("USB watcher: device {0} {1}: {2}", change.Device.Id, change.Kind, command);
            SendRuleCommand(command, 1);
        }
    }

    /// <summary>Sends a rule's command; the reply comes back with the command, so that a refused start can be retried.</summary>
    private void SendRuleCommand(IProcessCommand command, int attempt)
    {
        if (_supervisor is { } supervisor)
        {
            supervisor.Ask<object>(command, RuleCommandTimeout).PipeTo(
                Self,
                success: reply => new RuleCommandReply(command, reply, attempt),
                failure: error => new RuleCommandReply(command, new CommandFailed($"{command}: {error.Message}"), attempt));
        }
    }

    private void RuleReplied(RuleCommandReply replied)
    {
        if (replied.Reply is not IProcessCommandError error)
        {
            return;
        }

        // A device back right after it left finds its app still being deleted: its start is tried again a little
        // later, as long as the device is still there (a newer detach makes the retry moot).
        if (replied.Command is StartProcess start && replied.Attempt < MaxRuleAttempts
            && _table.Values.Any(device => _rules.Any(rule => rule.Match.Matches(device) && UsbRuleCommands.AppName(rule, device) == start.Spec.Name)))
        {
            Timers.StartSingleTimer("rule/" + start.Spec.Name, new RetryRuleCommand(start, replied.Attempt + 1), RuleRetryDelay * replied.Attempt);
            return;
        }

        _ruleFailures++;
        _log.Warning("USB watcher: a rule's command was refused: {0}", error.Message);
    }

    /// <summary>Applies an event to the table and the history (recovery skips events a snapshot already holds).</summary>
    private void Apply(UsbDeviceEvent change)
    {
        if (change.Sequence <= _sequence)
        {
            return;
        }

        _sequence = change.Sequence;
        if (change is DeviceDetached)
        {
            _table.Remove(change.Device.Id);
        }
        else
        {
            _table[change.Device.Id] = change.Device;
        }

        _history.Enqueue(change);
        while (_history.Count > _settings.HistoryLimit)
        {
            _history.Dequeue();
        }
    }

    private void Restore(UsbWatcherSnapshot snapshot)
    {
        _sequence = snapshot.Sequence;
        _table.Clear();
        foreach (var device in snapshot.Devices)
        {
            _table[device.Id] = device;
        }

        _history.Clear();
        foreach (var change in snapshot.History.TakeLast(_settings.HistoryLimit))
        {
            _history.Enqueue(change);
        }
    }

    private void OnSnapshotSaved(SaveSnapshotSuccess saved)
    {
        // The snapshot holds the table and the history: older events are not needed any more.
        DeleteMessages(saved.Metadata.SequenceNr);
        DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1));
    }

    private void Describe(DescribeUsbDevice query)
    {
        if (!_table.TryGetValue(query.Id, out var device))
        {
            Sender.Tell(new UsbDeviceNotFound(query.Id));
            return;
        }

        Sender.Tell(new UsbDeviceDescription(device, UsbRuleCommands.BoundApps(_rules, device), History(20, query.Id)));
    }

    private List<UsbDeviceEvent> History(int limit, string? deviceId) =>
        [.. _history.Where(e => deviceId is null || e.Device.Id == deviceId).TakeLast(Math.Max(0, limit))];

    private UsbWatcherStatus CurrentStatus() => new(
        _busPresent, _socket is not null, _table.Count, _received, _malformed, _overflows, _resyncs, _refused, _injectDropped, _ruleFailures, _emitted);

    private void Inject(InjectUevent inject)
    {
        if (!_injected.Writer.TryWrite(inject.Payload))
        {
            _injectDropped++;
        }
    }

    private void Subscribe(SubscribeUevents subscribe)
    {
        if (!_ueventSubscribers.ContainsKey(Sender) && _ueventSubscribers.Count >= _settings.MaxUeventSubscribers)
        {
            Sender.Tell(new UeventsSubscribed(subscribe.Subsystem, false, $"at most {_settings.MaxUeventSubscribers} subscribers (pbm.usb.max-uevent-subscribers)"));
            return;
        }

        _ueventSubscribers[Sender] = subscribe.Subsystem;
        Context.Watch(Sender);
        Sender.Tell(new UeventsSubscribed(subscribe.Subsystem, true));
    }

    private void Unsubscribe(IActorRef subscriber)
    {
        if (_ueventSubscribers.Remove(subscriber))
        {
            Context.Unwatch(subscriber);
        }
    }

    /// <summary>The debounce window of one device ended.</summary>
    private sealed record DebounceElapsed(string Id);

    /// <summary>The supervisor's answer to a rule's command.</summary>
    private sealed record RuleCommandReply(IProcessCommand Command, object Reply, int Attempt);

    /// <summary>A refused start, tried again.</summary>
    private sealed record RetryRuleCommand(IProcessCommand Command, int Attempt);
}
