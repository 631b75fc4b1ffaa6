namespace ProcessManager.Kernel.Tests.Dispatch;

/// <summary>
/// A mailbox that goes idle while a producer is linking a message must still run that message.
/// One message in flight per pair is the worst case: every send finds the receiver going idle.
/// </summary>
public sealed class WakeupSpec : TestKit.TestKit
{
    private sealed record Start(IActorRef Partner, int RoundTrips, TaskCompletionSource Done);

    private sealed class Ball
    {
        public static readonly Ball Instance = new();
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(message => Sender.Tell(message, Self));
    }

    private sealed class Bouncer : ReceiveActor
    {
        private int _left;
        private TaskCompletionSource? _done;

        public Bouncer()
        {
            Receive<Start>(start =>
            {
                _left = start.RoundTrips;
                _done = start.Done;
                start.Partner.Tell(Ball.Instance, Self);
            });
            Receive<Ball>(ball =>
            {
                if (--_left == 0)
                {
                    _done!.SetResult();
                    return;
                }

                Sender.Tell(ball, Self);
            });
        }
    }

    [Fact]
    public async Task Every_message_sent_to_a_mailbox_going_idle_is_processed()
    {
        const int RoundTrips = 300_000;
        var pairs = Enumerable.Range(0, Environment.ProcessorCount).Select(i =>
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var echo = Sys.ActorOf(Props.Create(() => new Echo()), $"echo-{i}");
            var bouncer = Sys.ActorOf(Props.Create(() => new Bouncer()), $"bouncer-{i}");
            bouncer.Tell(new Start(echo, RoundTrips, done));
            return done.Task;
        }).ToList();

        // Generous: the round trips take well under a second; a lost wake-up never finishes.
        await Task.WhenAll(pairs).WaitAsync(Dilated(TimeSpan.FromSeconds(120)), TestContext.Current.CancellationToken);

        Assert.All(pairs, task => Assert.True(task.IsCompletedSuccessfully));
    }
}
