namespace ProcessManager.Kernel.Tests.Dispatch;

public sealed class MailboxSpec
{
    private sealed class ManualDispatcher(int throughput) : IDispatcher
    {
        public int Throughput { get; } = throughput;

        public Queue<IThreadPoolWorkItem> Scheduled { get; } = new();

        public void Schedule(IThreadPoolWorkItem mailbox) => Scheduled.Enqueue(mailbox);

        public int RunNext()
        {
            Scheduled.Dequeue().Execute();
            return Scheduled.Count;
        }
    }

    private sealed class Recorder : IMessageInvoker
    {
        public List<object> Seen { get; } = [];

        public Action<object>? OnUser { get; set; }

        public void InvokeSystem(SystemMessage message) => Seen.Add(message);

        public void InvokeUser(Envelope envelope)
        {
            Seen.Add(envelope.Message);
            OnUser?.Invoke(envelope.Message);
        }
    }

    [Fact]
    public void A_turn_processes_at_most_throughput_messages_then_reschedules()
    {
        var dispatcher = new ManualDispatcher(3);
        var mailbox = new Mailbox(dispatcher);
        var recorder = new Recorder();
        mailbox.SetInvoker(recorder);
        for (var i = 0; i < 7; i++)
        {
            mailbox.Post(new Envelope(i, null));
        }

        Assert.Single(dispatcher.Scheduled);
        dispatcher.RunNext();
        Assert.Equal(3, recorder.Seen.Count);
        Assert.Single(dispatcher.Scheduled);
        dispatcher.RunNext();
        dispatcher.RunNext();
        Assert.Equal(7, recorder.Seen.Count);
        Assert.Empty(dispatcher.Scheduled);
    }

    [Fact]
    public void System_messages_overtake_queued_user_messages()
    {
        var dispatcher = new ManualDispatcher(100);
        var mailbox = new Mailbox(dispatcher);
        var recorder = new Recorder();
        mailbox.SetInvoker(recorder);
        mailbox.Post(new Envelope("u1", null));
        mailbox.Post(new Envelope("u2", null));
        var system = new Terminate();
        mailbox.PostSystem(system);
        dispatcher.RunNext();
        Assert.Same(system, recorder.Seen[0]);
        Assert.Equal(["u1", "u2"], recorder.Seen.Skip(1));
    }

    [Fact]
    public void A_suspended_mailbox_runs_system_messages_only()
    {
        var dispatcher = new ManualDispatcher(100);
        var mailbox = new Mailbox(dispatcher);
        var recorder = new Recorder();
        mailbox.SetInvoker(recorder);
        mailbox.Suspend();
        mailbox.Post(new Envelope("held", null));
        var system = new Suspend();
        mailbox.PostSystem(system);
        dispatcher.RunNext();
        Assert.Equal([system], recorder.Seen);
        mailbox.Resume();
        mailbox.PostSystem(new Create());
        dispatcher.RunNext();
        Assert.Equal("held", recorder.Seen[^1]);
    }

    [Fact]
    public void A_message_posted_during_a_turn_is_not_lost()
    {
        var dispatcher = new ManualDispatcher(1);
        var mailbox = new Mailbox(dispatcher);
        var recorder = new Recorder();
        recorder.OnUser = m =>
        {
            if (m is "first")
            {
                mailbox.Post(new Envelope("second", null));
            }
        };
        mailbox.SetInvoker(recorder);
        mailbox.Post(new Envelope("first", null));
        while (dispatcher.Scheduled.Count > 0)
        {
            dispatcher.RunNext();
        }

        Assert.Equal(["first", "second"], recorder.Seen);
    }
}
