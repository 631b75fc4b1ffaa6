namespace ProcessManager.Kernel.TestKit;

/// <summary>
/// Base class for actor tests: a fresh <see cref="Sys"/> per test (terminated on dispose), a
/// default probe behind <see cref="TestActor"/>, and the probe expectations on it.
/// <code>public class MyTests : TestKit { [Fact] public void Echo() { ... ExpectMsg&lt;string&gt;(); } }</code>
/// </summary>
public abstract class TestKit : IDisposable
{
    private readonly TestProbe _testProbe;
    private bool _disposed;

    protected TestKit(ActorSystemSettings? settings = null, string? systemName = null)
    {
        Sys = ActorSystem.Create(systemName ?? "test", settings);
        _testProbe = new TestProbe(Sys, "testActor");
        EventFilter = new EventFilterFactory(Sys);
    }

    public ActorSystem Sys { get; }

    /// <summary>The default probe's actor; expectations on this class read its messages.</summary>
    public IActorRef TestActor => _testProbe.Ref;

    /// <summary>The default probe itself.</summary>
    public TestProbe Probe => _testProbe;

    public IActorRef LastSender => _testProbe.LastSender;

    public TimeSpan Remaining => _testProbe.Remaining;

    /// <summary>Expect or count log events and dead letters.</summary>
    public EventFilterFactory EventFilter { get; }

    public TestProbe CreateTestProbe(string? name = null) => new(Sys, name);

    public static TimeSpan Dilated(TimeSpan duration) => TestKitSettings.Dilated(duration);

    public IActorRef ActorOf(Props props, string? name = null) => Sys.ActorOf(props, name);

    /// <summary>Creates <paramref name="props"/> as a child of <see cref="TestActor"/>.</summary>
    public IActorRef ChildActorOf(Props props, string? name = null, Func<Exception, Directive>? decider = null) =>
        _testProbe.ChildActorOf(props, name, decider);

    public IActorRef Watch(IActorRef target) => _testProbe.Watch(target);

    public IActorRef Unwatch(IActorRef target) => _testProbe.Unwatch(target);

    public void Send(IActorRef target, object message) => _testProbe.Send(target, message);

    public void Reply(object message) => _testProbe.Reply(message);

    public object ReceiveOne(TimeSpan? timeout = null) => _testProbe.ReceiveOne(timeout);

    public T ExpectMsg<T>(TimeSpan? timeout = null) => _testProbe.ExpectMsg<T>(timeout);

    public T ExpectMsg<T>(Predicate<T> predicate, TimeSpan? timeout = null, string? hint = null) => _testProbe.ExpectMsg(predicate, timeout, hint);

    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null) where T : notnull => _testProbe.ExpectMsg(expected, timeout);

    public T ExpectMsgFrom<T>(IActorRef sender, TimeSpan? timeout = null) => _testProbe.ExpectMsgFrom<T>(sender, timeout);

    public object ExpectMsgAnyOf(params object[] messages) => _testProbe.ExpectMsgAnyOf(messages);

    public void ExpectMsgAllOf(params object[] messages) => _testProbe.ExpectMsgAllOf(messages);

    public void ExpectNoMsg(TimeSpan? duration = null) => _testProbe.ExpectNoMsg(duration);

    public Terminated ExpectTerminated(IActorRef target, TimeSpan? timeout = null) => _testProbe.ExpectTerminated(target, timeout);

    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? timeout = null) => _testProbe.ReceiveN(count, timeout);

    public object FishForMessage(Predicate<object> isMessage, TimeSpan? timeout = null) => _testProbe.FishForMessage(isMessage, timeout);

    public T FishForMessage<T>(Predicate<T>? isMessage = null, TimeSpan? timeout = null) => _testProbe.FishForMessage(isMessage, timeout);

    public void Within(TimeSpan max, Action action) => _testProbe.Within(max, action);

    public void Within(TimeSpan min, TimeSpan max, Action action) => _testProbe.Within(min, max, action);

    public T Within<T>(TimeSpan max, Func<T> function) => _testProbe.Within(max, function);

    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null) => _testProbe.AwaitAssert(assertion, duration, interval);

    public void AwaitCondition(Func<bool> condition, TimeSpan? max = null, string? message = null) => _testProbe.AwaitCondition(condition, max, message);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (_disposed || !disposing)
        {
            return;
        }

        _disposed = true;
        if (!Sys.Terminate().Wait(Dilated(TimeSpan.FromSeconds(20))))
        {
            throw new TestKitAssertionException($"Actor system {Sys.Name} did not terminate within {Dilated(TimeSpan.FromSeconds(20))}.");
        }
    }
}
