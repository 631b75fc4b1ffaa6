using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using ProcessManager.Actors.Dispatch;
using Xunit;

namespace ProcessManager.Actors.Tests.Dispatch;

/// <summary>The compact mailboxes as the daemon configures them (reference.conf): plain actors and actors that stash.</summary>
public sealed class CompactMailboxTests : Akka.TestKit.Xunit.TestKit
{
    private static readonly Config MailboxConfig = ConfigurationFactory.ParseString("""
        akka.actor.default-mailbox.mailbox-type = "ProcessManager.Actors.Dispatch.CompactMailbox, ProcessManager.Actors"
        akka.actor.mailbox.unbounded-deque-based.mailbox-type = "ProcessManager.Actors.Dispatch.CompactDequeMailbox, ProcessManager.Actors"
        """);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public CompactMailboxTests()
        : base(MailboxConfig, "compact-mailbox-test")
    {
    }

    [Fact]
    public void A_plain_actor_gets_the_compact_queue_and_answers_in_order()
    {
        var echo = Sys.ActorOf(Props.Create(() => new Echo()));

        for (var i = 0; i < 50; i++)
        {
            echo.Tell(i, TestActor);
        }

        for (var i = 0; i < 50; i++)
        {
            ExpectMsg(i, Patience, cancellationToken: TestContext.Current.CancellationToken);
        }

        Assert.IsType<CompactInbox>(QueueOf(echo));
    }

    [Fact]
    public void An_actor_that_stashes_gets_the_compact_deque_and_unstashed_messages_come_first()
    {
        var gate = Sys.ActorOf(Props.Create(() => new Gate()));

        gate.Tell("a", TestActor);
        gate.Tell("b", TestActor);
        gate.Tell("open", TestActor);
        gate.Tell("c", TestActor);

        ExpectMsg("a", Patience, cancellationToken: TestContext.Current.CancellationToken);
        ExpectMsg("b", Patience, cancellationToken: TestContext.Current.CancellationToken);
        ExpectMsg("c", Patience, cancellationToken: TestContext.Current.CancellationToken);
        Assert.IsType<CompactDequeInbox>(QueueOf(gate));
    }

    private static object? QueueOf(IActorRef actor) => ((ActorCell)((ActorRefWithCell)actor).Underlying).Mailbox?.MessageQueue;

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(message => Sender.Tell(message));
    }

    /// <summary>Stashes everything until "open", then answers.</summary>
    private sealed class Gate : UntypedActor, IWithUnboundedStash
    {
        public IStash Stash { get; set; } = null!;

        protected override void OnReceive(object message)
        {
            if (message is "open")
            {
                Stash.UnstashAll();
                Become(Open);
                return;
            }

            Stash.Stash();
        }

        private void Open(object message) => Sender.Tell(message);
    }
}
