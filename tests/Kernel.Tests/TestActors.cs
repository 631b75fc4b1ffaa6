namespace ProcessManager.Kernel.Tests;

/// <summary>Replies to every message with the message itself.</summary>
internal sealed class EchoActor : ReceiveActor
{
    public EchoActor()
    {
        ReceiveAny(m => Sender.Tell(m));
    }
}

/// <summary>Reports its lifecycle hooks to a probe; throws on the Exception it receives; answers "state" with its counter.</summary>
internal sealed class LifecycleActor : ReceiveActor
{
    private readonly IActorRef _probe;
    private readonly string _id;
    private int _counter;

    public LifecycleActor(IActorRef probe, string id = "a")
    {
        _probe = probe;
        _id = id;
        _probe.Tell($"{_id}:ctor");
        Receive<Exception>(e => throw e);
        Receive<string>(s => s == "state", _ => Sender.Tell(_counter));
        Receive<string>(s => s == "inc", _ => _counter++);
        Receive<Props>(p => Sender.Tell(Context.ActorOf(p, "child")));
    }

    protected override void PreStart() => _probe.Tell($"{_id}:preStart");

    protected override void PostStop() => _probe.Tell($"{_id}:postStop");

    protected override void PreRestart(Exception reason, object? message)
    {
        _probe.Tell($"{_id}:preRestart:{reason.Message}");
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        _probe.Tell($"{_id}:postRestart:{reason.Message}");
        base.PostRestart(reason);
    }
}

/// <summary>A parent with a given strategy that creates children on request.</summary>
internal sealed class SupervisorActor : ReceiveActor
{
    private readonly SupervisorStrategy _strategy;

    public SupervisorActor(SupervisorStrategy strategy)
    {
        _strategy = strategy;
        Receive<(Props Props, string Name)>(spec => Sender.Tell(Context.ActorOf(spec.Props, spec.Name)));
        Receive<Exception>(e => throw e);
    }

    protected override SupervisorStrategy SupervisorStrategy() => _strategy;
}

internal static class SpawnExpectations
{
    /// <summary>A LifecycleActor spawned on request reports ctor and preStart itself while the
    /// parent replies with its reference; those arrive in any order.</summary>
    public static IActorRef ExpectSpawned(this TestKit.TestKit kit, string id)
    {
        var messages = kit.ReceiveN(3).ToList();
        Assert.Contains($"{id}:ctor", messages);
        Assert.Contains($"{id}:preStart", messages);
        Assert.True(messages.IndexOf($"{id}:ctor") < messages.IndexOf($"{id}:preStart"), "ctor before preStart");
        return messages.OfType<IActorRef>().Single();
    }
}
