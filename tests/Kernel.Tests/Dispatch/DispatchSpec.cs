namespace ProcessManager.Kernel.Tests.Dispatch;

public sealed class DispatchSpec() : TestKit.TestKit(new ActorSystemSettings { Throughput = 5 })
{
    private sealed class Exclusive(IActorRef probe, int expected) : ReceiveActor
    {
        private int _active;
        private int _count;
        private int _overlaps;

        protected override void PreStart()
        {
            Receive<int>(_ =>
            {
                if (Interlocked.Increment(ref _active) != 1)
                {
                    _overlaps++;
                }

                Thread.SpinWait(50);
                Interlocked.Decrement(ref _active);
                if (++_count == expected)
                {
                    probe.Tell((_count, _overlaps));
                }
            });
        }
    }

    [Fact]
    public void An_actor_never_runs_on_two_threads_at_once()
    {
        const int perSender = 5_000;
        const int senders = 4;
        var actor = Sys.ActorOf(Props.Create(() => new Exclusive(TestActor, perSender * senders)));
        Parallel.For(0, senders, s =>
        {
            for (var i = 0; i < perSender; i++)
            {
                actor.Tell(i);
            }
        });
        var (count, overlaps) = ExpectMsg<(int, int)>(TimeSpan.FromSeconds(20));
        Assert.Equal(perSender * senders, count);
        Assert.Equal(0, overlaps);
    }

    private sealed class Ordered(IActorRef probe, int expected) : ReceiveActor
    {
        private int _next;

        protected override void PreStart()
        {
            Receive<int>(i =>
            {
                if (i != _next++)
                {
                    probe.Tell($"out of order: {i}");
                }
                else if (_next == expected)
                {
                    probe.Tell("in order");
                }
            });
        }
    }

    [Fact]
    public void Messages_from_one_sender_arrive_in_order_across_turns()
    {
        const int count = 20_000;
        var actor = Sys.ActorOf(Props.Create(() => new Ordered(TestActor, count)));
        for (var i = 0; i < count; i++)
        {
            actor.Tell(i);
        }

        ExpectMsg("in order", TimeSpan.FromSeconds(20));
    }

    private sealed class Blocked(IActorRef probe) : ReceiveActor
    {
        protected override void PreStart()
        {
            ReceiveAsync<TaskCompletionSource>(gate => gate.Task);
            Receive<string>(s => probe.Tell($"processed {s}"));
        }

        protected override void PostStop() => probe.Tell("postStop");
    }

    [Fact]
    public void Stop_overtakes_queued_user_messages()
    {
        var gate = new TaskCompletionSource();
        var actor = Sys.ActorOf(Props.Create(() => new Blocked(TestActor)));
        actor.Tell(gate);
        actor.Tell("queued");
        Sys.Stop(actor);
        ExpectMsg("postStop");
        gate.SetResult();
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }
}
