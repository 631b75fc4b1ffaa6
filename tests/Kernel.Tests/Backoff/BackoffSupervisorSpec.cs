namespace ProcessManager.Kernel.Tests.Backoff;

public sealed class BackoffSupervisorSpec : TestKit.TestKit
{
    private sealed class Flaky : ReceiveActor
    {
        public Flaky()
        {
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("flaky"));
            Receive<string>(s => s == "stop", _ => Context.Stop(Self));
            ReceiveAny(m => Sender.Tell(m));
        }
    }

    private static readonly TimeSpan Min = TimeSpan.FromMilliseconds(20);

    private BackoffOptions OnFailure(TimeSpan? max = null) =>
        Kernel.Backoff.OnFailure(Props.Create<Flaky>(), "flaky", Min, max ?? TimeSpan.FromSeconds(1), 0).WithListener(TestActor).WithManualReset();

    private IActorRef Start(BackoffOptions options)
    {
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(options), "backoff");
        ExpectMsg<BackoffChildStarted>(s => s.Attempt == 0);
        return supervisor;
    }

    [Fact]
    public void Forwards_messages_to_the_child_keeping_the_sender()
    {
        var supervisor = Start(OnFailure());
        supervisor.Tell("hello", TestActor);
        ExpectMsg("hello");
        Assert.Equal("/user/backoff/flaky", LastSender.Path.ToString());
    }

    [Fact]
    public void Failure_schedules_a_restart_with_growing_delays_and_notifies_the_listener()
    {
        var supervisor = Start(OnFailure());
        supervisor.Tell("fail");
        var first = ExpectMsg<BackoffRestartScheduled>();
        Assert.Equal(1, first.Attempt);
        Assert.Equal(Min, first.Delay);
        Assert.IsType<InvalidOperationException>(first.Reason);
        ExpectMsg<BackoffChildStarted>(s => s.Attempt == 1);
        supervisor.Tell("fail");
        var second = ExpectMsg<BackoffRestartScheduled>();
        Assert.Equal(2, second.Attempt);
        Assert.Equal(Min * 2, second.Delay);
        ExpectMsg<BackoffChildStarted>(s => s.Attempt == 2);
        supervisor.Tell(BackoffSupervisor.GetRestartCount.Instance, TestActor);
        Assert.Equal(2, ExpectMsg<BackoffSupervisor.RestartCount>().Count);
    }

    [Fact]
    public void Reset_message_starts_the_delays_over()
    {
        var supervisor = Start(OnFailure());
        supervisor.Tell("fail");
        ExpectMsg<BackoffRestartScheduled>();
        ExpectMsg<BackoffChildStarted>();
        supervisor.Tell(BackoffSupervisor.Reset.Instance);
        supervisor.Tell("fail");
        Assert.Equal(Min, ExpectMsg<BackoffRestartScheduled>().Delay);
    }

    [Fact]
    public void Restart_count_resets_after_the_stable_period()
    {
        var options = OnFailure().WithAutoReset(TimeSpan.FromMilliseconds(100));
        var supervisor = Start(options);
        supervisor.Tell("fail");
        ExpectMsg<BackoffRestartScheduled>();
        ExpectMsg<BackoffChildStarted>(s => s.Attempt == 1);
        AwaitAssert(() =>
        {
            supervisor.Tell(BackoffSupervisor.GetRestartCount.Instance, TestActor);
            Assert.Equal(0, ExpectMsg<BackoffSupervisor.RestartCount>().Count);
        });
    }

    [Fact]
    public void OnStop_restarts_a_child_that_stopped_by_itself()
    {
        var supervisor = Start(Kernel.Backoff.OnStop(Props.Create<Flaky>(), "flaky", Min, TimeSpan.FromSeconds(1), 0).WithListener(TestActor));
        supervisor.Tell("stop");
        var scheduled = ExpectMsg<BackoffRestartScheduled>();
        Assert.Null(scheduled.Reason);
        ExpectMsg<BackoffChildStarted>(s => s.Attempt == 1);
    }

    [Fact]
    public void OnFailure_supervisor_stops_when_the_child_stops_by_itself()
    {
        var supervisor = Start(OnFailure());
        Watch(supervisor);
        supervisor.Tell("stop");
        ExpectMsg<BackoffGaveUp>();
        ExpectTerminated(supervisor);
    }

    [Fact]
    public void Gives_up_after_max_retries()
    {
        var supervisor = Start(OnFailure().WithMaxNrOfRetries(1));
        Watch(supervisor);
        supervisor.Tell("fail");
        ExpectMsg<BackoffRestartScheduled>();
        ExpectMsg<BackoffChildStarted>();
        supervisor.Tell("fail");
        Assert.Equal(1, ExpectMsg<BackoffGaveUp>().Restarts);
        ExpectTerminated(supervisor);
    }

    [Fact]
    public void While_the_child_is_absent_messages_get_the_configured_reply_and_the_child_is_reported_missing()
    {
        var supervisor = Start(OnFailure(TimeSpan.FromSeconds(10)).WithReplyWhileStopped("absent").WithDelayPolicy(new FixedDelay(TimeSpan.FromSeconds(30))));
        supervisor.Tell("fail");
        ExpectMsg<BackoffRestartScheduled>();
        supervisor.Tell("anyone?", TestActor);
        ExpectMsg("absent");
        supervisor.Tell(BackoffSupervisor.GetCurrentChild.Instance, TestActor);
        Assert.Null(ExpectMsg<BackoffSupervisor.CurrentChild>().Ref);
    }

    [Fact]
    public void While_the_child_is_absent_messages_are_dead_letters_by_default()
    {
        var supervisor = Start(OnFailure().WithDelayPolicy(new FixedDelay(TimeSpan.FromSeconds(30))));
        supervisor.Tell("fail");
        ExpectMsg<BackoffRestartScheduled>();
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);
        supervisor.Tell("lost", TestActor);
        Assert.Equal("lost", ExpectMsg<DeadLetter>().Message);
    }

    [Fact]
    public void A_pluggable_policy_decides_the_delay()
    {
        var supervisor = Start(OnFailure().WithDelayPolicy(new FixedDelay(TimeSpan.FromMilliseconds(7))));
        supervisor.Tell("fail");
        Assert.Equal(TimeSpan.FromMilliseconds(7), ExpectMsg<BackoffRestartScheduled>().Delay);
    }

    private sealed class FixedDelay(TimeSpan delay) : IBackoffDelayPolicy
    {
        public TimeSpan NextDelay(int restartCount, Exception? reason) => delay;
    }
}
