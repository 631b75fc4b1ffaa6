using System.Diagnostics;

namespace ProcessManager.Kernel.TestKit;

/// <summary>
/// An actor whose received messages a test can expect, in order. All waits block the calling
/// thread up to a timeout (default <see cref="TestKitSettings.DefaultTimeout"/>, shortened
/// inside <see cref="Within(TimeSpan, Action)"/>).
/// </summary>
public class TestProbe
{
    private readonly MessageQueue _queue = new();

    /// <summary>Deadline set by the innermost Within block; null outside.</summary>
    private DateTime? _withinEnd;

    /// <summary>Decider applied to children created with <see cref="ChildActorOf"/>.</summary>
    private Func<Exception, Directive> _childDecider = SupervisorStrategy.DefaultDecider;

    static TestProbe() => TestKitSettings.EnsureThreadPool();

    public TestProbe(ActorSystem system, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        Sys = system;
        Ref = system.ActorOf(Props.Create(() => new ProbeActor(_queue, e => _childDecider(e))), name);
    }

    public ActorSystem Sys { get; }

    /// <summary>The probe's actor: use it as sender, target or watcher.</summary>
    public IActorRef Ref { get; }

    /// <summary>Sender of the last message received by an expectation.</summary>
    public IActorRef LastSender { get; private set; } = ActorRefs.Nobody;

    /// <summary>Messages received but not yet taken by an expectation.</summary>
    public bool HasMessages => _queue.Count > 0;

    /// <summary>Time left in the current Within block, or the default timeout.</summary>
    public TimeSpan Remaining => _withinEnd is { } end ? Max(end - DateTime.UtcNow, TimeSpan.Zero) : TestKitSettings.DefaultTimeout;

    public static TimeSpan Dilated(TimeSpan duration) => TestKitSettings.Dilated(duration);

    public void Send(IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Tell(message, Ref);
    }

    /// <summary>Replies to <see cref="LastSender"/> with the probe as sender.</summary>
    public void Reply(object message) => LastSender.Tell(message, Ref);

    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/> keeping <see cref="LastSender"/> as sender.</summary>
    public void Forward(IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Tell(message, LastSender);
    }

    /// <summary>The probe receives <see cref="Terminated"/> when <paramref name="target"/> stops.</summary>
    public IActorRef Watch(IActorRef target)
    {
        ArgumentNullException.ThrowIfNull(target);
        Ref.Tell(new ProbeCommand(ctx => ctx.Watch(target)), ActorRefs.NoSender);
        return target;
    }

    public IActorRef Unwatch(IActorRef target)
    {
        ArgumentNullException.ThrowIfNull(target);
        Ref.Tell(new ProbeCommand(ctx => ctx.Unwatch(target)), ActorRefs.NoSender);
        return target;
    }

    /// <summary>Creates <paramref name="props"/> as a child of this probe (the probe is its parent),
    /// supervised by <paramref name="decider"/> (default decider if null).</summary>
    public IActorRef ChildActorOf(Props props, string? name = null, Func<Exception, Directive>? decider = null)
    {
        ArgumentNullException.ThrowIfNull(props);
        _childDecider = decider ?? SupervisorStrategy.DefaultDecider;
        return ProbeInternals.ActorOfUnder(Ref, props, name);
    }

    /// <summary>Waits for one message of any type.</summary>
    public object ReceiveOne(TimeSpan? timeout = null) =>
        TryReceive(timeout, out var envelope)
            ? envelope.Message
            : throw new TestKitAssertionException($"Timeout ({Effective(timeout)}) waiting for a message at {Ref.Path}.");

    public T ExpectMsg<T>(TimeSpan? timeout = null) => ExpectMsg<T>(static _ => true, timeout);

    public T ExpectMsg<T>(Predicate<T> predicate, TimeSpan? timeout = null, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var effective = Effective(timeout);
        if (!TryReceive(timeout, out var envelope))
        {
            throw new TestKitAssertionException($"Timeout ({effective}) waiting for {typeof(T).Name}{(hint is null ? "" : $" ({hint})")} at {Ref.Path}.");
        }

        if (envelope.Message is not T typed)
        {
            throw new TestKitAssertionException($"Expected {typeof(T).Name}{(hint is null ? "" : $" ({hint})")} but got {Describe(envelope.Message)}.");
        }

        if (!predicate(typed))
        {
            throw new TestKitAssertionException($"Message {Describe(envelope.Message)} did not satisfy the predicate{(hint is null ? "" : $" ({hint})")}.");
        }

        return typed;
    }

    /// <summary>Expects a message equal to <paramref name="expected"/>.</summary>
    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null) where T : notnull =>
        ExpectMsg<T>(m => EqualityComparer<T>.Default.Equals(m, expected), timeout, $"equal to {expected}");

    /// <summary>Expects a message of type T from <paramref name="sender"/>.</summary>
    public T ExpectMsgFrom<T>(IActorRef sender, TimeSpan? timeout = null)
    {
        var message = ExpectMsg<T>(timeout);
        if (!ReferenceEquals(LastSender, sender))
        {
            throw new TestKitAssertionException($"Expected {typeof(T).Name} from {sender.Path} but it came from {LastSender.Path}.");
        }

        return message;
    }

    /// <summary>Expects one message equal to one of <paramref name="messages"/>.</summary>
    public object ExpectMsgAnyOf(params object[] messages) => ExpectMsgAnyOf(null, messages);

    public object ExpectMsgAnyOf(TimeSpan? timeout, params object[] messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var received = ReceiveOne(timeout);
        if (!messages.Any(m => Equals(m, received)))
        {
            throw new TestKitAssertionException($"Expected any of [{string.Join(", ", messages.Select(Describe))}] but got {Describe(received)}.");
        }

        return received;
    }

    /// <summary>Expects all of <paramref name="messages"/> in any order.</summary>
    public void ExpectMsgAllOf(params object[] messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var missing = messages.ToList();
        foreach (var received in ReceiveN(messages.Length))
        {
            var index = missing.FindIndex(m => Equals(m, received));
            if (index < 0)
            {
                throw new TestKitAssertionException($"Unexpected {Describe(received)}; still expecting [{string.Join(", ", missing.Select(Describe))}].");
            }

            missing.RemoveAt(index);
        }
    }

    /// <summary>Asserts that no message arrives within <paramref name="duration"/> (default 200 ms × factor).</summary>
    public void ExpectNoMsg(TimeSpan? duration = null)
    {
        var window = duration is { } d ? TestKitSettings.Dilated(d) : TestKitSettings.DefaultNoMessageWindow;
        if (_queue.TryTake(Min(window, Remaining), out var envelope))
        {
            LastSender = envelope.Sender ?? Sys.DeadLetters;
            throw new TestKitAssertionException($"Expected no message but got {Describe(envelope.Message)}.");
        }
    }

    /// <summary>Expects the <see cref="Terminated"/> of <paramref name="target"/> (watch it first).</summary>
    public Terminated ExpectTerminated(IActorRef target, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        return ExpectMsg<Terminated>(t => ReferenceEquals(t.ActorRef, target), timeout, $"Terminated of {target.Path}");
    }

    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var end = DateTime.UtcNow + Effective(timeout);
        var received = new List<object>(count);
        while (received.Count < count)
        {
            if (!_queue.TryTake(end - DateTime.UtcNow, out var envelope))
            {
                throw new TestKitAssertionException($"Timeout waiting for {count} messages; received {received.Count}: [{string.Join(", ", received.Select(Describe))}].");
            }

            LastSender = envelope.Sender ?? Sys.DeadLetters;
            received.Add(envelope.Message);
        }

        return received;
    }

    /// <summary>Skips messages until one satisfies <paramref name="isMessage"/>, and returns it.</summary>
    public object FishForMessage(Predicate<object> isMessage, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(isMessage);
        var end = DateTime.UtcNow + Effective(timeout);
        var skipped = new List<object>();
        while (true)
        {
            if (!_queue.TryTake(end - DateTime.UtcNow, out var envelope))
            {
                throw new TestKitAssertionException($"Timeout fishing for a message; skipped [{string.Join(", ", skipped.Take(20).Select(Describe))}].");
            }

            LastSender = envelope.Sender ?? Sys.DeadLetters;
            if (isMessage(envelope.Message))
            {
                return envelope.Message;
            }

            skipped.Add(envelope.Message);
        }
    }

    public T FishForMessage<T>(Predicate<T>? isMessage = null, TimeSpan? timeout = null) =>
        (T)FishForMessage(m => m is T typed && (isMessage is null || isMessage(typed)), timeout);

    /// <summary>Runs <paramref name="action"/>, which must finish within <paramref name="max"/>
    /// (dilated); expectations inside wait at most the time left.</summary>
    public void Within(TimeSpan max, Action action) => Within(TimeSpan.Zero, max, action);

    public void Within(TimeSpan min, TimeSpan max, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Within(min, max, () =>
        {
            action();
            return 0;
        });
    }

    public T Within<T>(TimeSpan max, Func<T> function) => Within(TimeSpan.Zero, max, function);

    public T Within<T>(TimeSpan min, TimeSpan max, Func<T> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var dilatedMax = TestKitSettings.Dilated(max);
        var started = Stopwatch.StartNew();
        var previous = _withinEnd;
        var end = DateTime.UtcNow + dilatedMax;
        _withinEnd = previous is { } outer && outer < end ? outer : end;
        try
        {
            var result = function();
            var elapsed = started.Elapsed;
            if (elapsed < min)
            {
                throw new TestKitAssertionException($"Block finished in {elapsed}, earlier than the minimum {min}.");
            }

            if (elapsed > dilatedMax)
            {
                throw new TestKitAssertionException($"Block took {elapsed}, longer than {dilatedMax}.");
            }

            return result;
        }
        finally
        {
            _withinEnd = previous;
        }
    }

    /// <summary>Retries <paramref name="assertion"/> until it stops throwing or the time is up (then rethrows).</summary>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var end = DateTime.UtcNow + Effective(duration);
        var pause = interval ?? TimeSpan.FromMilliseconds(20);
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < end)
            {
                Thread.Sleep(pause);
            }
        }
    }

    /// <summary>Polls <paramref name="condition"/> until true; fails after the time is up.</summary>
    public void AwaitCondition(Func<bool> condition, TimeSpan? max = null, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var effective = Effective(max);
        var end = DateTime.UtcNow + effective;
        while (!condition())
        {
            if (DateTime.UtcNow >= end)
            {
                throw new TestKitAssertionException($"Condition not met within {effective}{(message is null ? "" : $": {message}")}.");
            }

            Thread.Sleep(10);
        }
    }

    private bool TryReceive(TimeSpan? timeout, out Envelope envelope)
    {
        if (!_queue.TryTake(Effective(timeout), out envelope))
        {
            return false;
        }

        LastSender = envelope.Sender ?? Sys.DeadLetters;
        return true;
    }

    private TimeSpan Effective(TimeSpan? timeout) =>
        timeout is { } t ? Min(TestKitSettings.Dilated(t), Remaining) : Remaining;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string Describe(object? message) => message is null ? "null" : $"{message.GetType().Name} '{message}'";
}
