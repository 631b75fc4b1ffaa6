
namespace ProcessManager.Kernel.Tests.Ask;

public sealed class AskSpec : TestKit.TestKit
{
    private sealed class Silent : ReceiveActor
    {
        public Silent()
        {
            ReceiveAny(_ => { });
        }
    }

    private sealed class Failing : ReceiveActor
    {
        public Failing()
        {
            ReceiveAny(_ => Sender.Tell(new Status.Failure(new InvalidOperationException("no"))));
        }
    }

    [Fact]
    public async Task Ask_returns_the_typed_reply()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        Assert.Equal("hi", await echo.Ask<string>("hi", TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Ask_times_out_with_a_clear_exception()
    {
        var silent = Sys.ActorOf(Props.Create<Silent>(), "silent");
        var error = await Assert.ThrowsAsync<AskTimeoutException>(() => silent.Ask<string>("hello", TimeSpan.FromMilliseconds(50)));
        Assert.Contains("/user/silent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_is_cancelled_by_the_token()
    {
        var silent = Sys.ActorOf(Props.Create<Silent>());
        using var cts = new CancellationTokenSource();
        var ask = silent.Ask<string>("hello", TimeSpan.FromMinutes(1), cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ask);
    }

    [Fact]
    public async Task Status_Failure_reply_rethrows_its_cause()
    {
        var failing = Sys.ActorOf(Props.Create<Failing>());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failing.Ask<string>("x", TimeSpan.FromSeconds(5)));
        Assert.Equal("no", error.Message);
    }

    [Fact]
    public async Task A_late_reply_after_timeout_becomes_a_dead_letter_and_leaves_no_actor_behind()
    {
        var silent = Sys.ActorOf(Props.Create<Silent>());
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);
        var probe = CreateTestProbe();
        var before = Sys.GetHierarchy().DescendantsAndSelf().Count();
        var ask = probe.Ref.Ask<string>("q", TimeSpan.FromMilliseconds(50));
        probe.ExpectMsg("q");
        var promise = probe.LastSender;
        await Assert.ThrowsAsync<AskTimeoutException>(() => ask);
        promise.Tell("late");
        Assert.Equal("late", ExpectMsg<DeadLetter>().Message);
        Assert.Equal(before, Sys.GetHierarchy().DescendantsAndSelf().Count());
        GC.KeepAlive(silent);
    }

    [Fact]
    public void PipeTo_sends_the_result_or_a_failure()
    {
        Task.FromResult(5).PipeTo(TestActor);
        ExpectMsg(5);
        Task.FromException<int>(new InvalidOperationException("bad")).PipeTo(TestActor);
        Assert.Equal("bad", ExpectMsg<Status.Failure>().Cause.Message);
        Task.FromResult(6).PipeTo(TestActor, success: i => $"got {i}");
        ExpectMsg("got 6");
    }
}
