using Akka.Actor;
using Akka.Dispatch.MessageQueues;
using ProcessManager.Actors.Dispatch;
using Xunit;

namespace ProcessManager.Actors.Tests.Dispatch;

/// <summary><see cref="CompactInbox"/>: first in first out, room taken on use and given back after a burst.</summary>
public sealed class CompactInboxTests
{
    private static Envelope Message(int n) => new(n, ActorRefs.NoSender);

    [Fact]
    public void Messages_come_out_in_the_order_they_went_in()
    {
        var queue = new CompactInbox();
        for (var i = 0; i < 100; i++)
        {
            queue.Enqueue(ActorRefs.Nobody, Message(i));
        }

        Assert.True(queue.HasMessages);
        Assert.Equal(100, queue.Count);
        for (var i = 0; i < 100; i++)
        {
            Assert.True(queue.TryDequeue(out var envelope));
            Assert.Equal(i, envelope.Message);
        }

        Assert.False(queue.HasMessages);
        Assert.Equal(0, queue.Count);
        Assert.False(queue.TryDequeue(out _));
    }

    [Fact]
    public void A_new_queue_holds_no_room_and_a_drained_burst_gives_its_room_back()
    {
        var queue = new CompactInbox();
        Assert.Equal(0, queue.Capacity);

        for (var i = 0; i < 1000; i++)
        {
            queue.Enqueue(ActorRefs.Nobody, Message(i));
        }

        Assert.True(queue.Capacity >= 1000);
        while (queue.TryDequeue(out _))
        {
        }

        Assert.Equal(0, queue.Capacity);
    }

    [Fact]
    public void A_few_messages_keep_their_small_room_between_uses()
    {
        var queue = new CompactInbox();
        queue.Enqueue(ActorRefs.Nobody, Message(1));
        Assert.True(queue.TryDequeue(out _));
        var kept = queue.Capacity;

        Assert.InRange(kept, 1, CompactInbox.KeptCapacity);
        queue.Enqueue(ActorRefs.Nobody, Message(2));
        Assert.Equal(kept, queue.Capacity);
    }

    [Fact]
    public void Clean_up_hands_what_is_left_to_the_dead_letters()
    {
        var queue = new CompactInbox();
        queue.Enqueue(ActorRefs.Nobody, Message(1));
        queue.Enqueue(ActorRefs.Nobody, Message(2));
        var deadLetters = new UnboundedMessageQueue();

        queue.CleanUp(ActorRefs.Nobody, deadLetters);

        Assert.False(queue.HasMessages);
        Assert.Equal(2, deadLetters.Count);
        Assert.True(deadLetters.TryDequeue(out var first));
        Assert.Equal(1, first.Message);
    }
}
