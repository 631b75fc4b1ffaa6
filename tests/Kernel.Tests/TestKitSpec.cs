namespace ProcessManager.Kernel.Tests;

public sealed class TestKitSpec : TestKit.TestKit
{
    [Fact]
    public void ExpectNoMsg_fails_when_a_message_arrives()
    {
        TestActor.Tell("surprise");
        Assert.Throws<TestKitAssertionException>(() => ExpectNoMsg(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void ExpectMsg_fails_on_timeout_and_on_wrong_type()
    {
        Assert.Throws<TestKitAssertionException>(() => ExpectMsg<string>(TimeSpan.FromMilliseconds(20)));
        TestActor.Tell(1);
        Assert.Throws<TestKitAssertionException>(() => ExpectMsg<string>());
    }

    [Fact]
    public void Within_bounds_the_nested_waits()
    {
        var started = DateTime.UtcNow;
        Assert.Throws<TestKitAssertionException>(() => Within(TimeSpan.FromMilliseconds(100), () => ExpectMsg<string>(TimeSpan.FromSeconds(30))));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void ExpectMsgAnyOf_and_ReceiveN_and_FishForMessage_take_messages_in_order()
    {
        TestActor.Tell("b");
        TestActor.Tell(1);
        TestActor.Tell(2);
        TestActor.Tell("skip");
        TestActor.Tell("target");
        Assert.Equal("b", ExpectMsgAnyOf("a", "b"));
        Assert.Equal([1, 2], ReceiveN(2).Cast<int>());
        Assert.Equal("target", FishForMessage(m => m is "target"));
    }

    [Fact]
    public void A_probe_can_be_a_parent()
    {
        var probe = CreateTestProbe();
        var child = probe.ChildActorOf(Props.Create<EchoActor>(), "kid");
        Assert.Equal(probe.Ref.Path / "kid", child.Path);
        probe.Send(child, "hi");
        probe.ExpectMsg("hi");
        Assert.Same(child, probe.LastSender);
    }

    [Fact]
    public void AwaitCondition_fails_with_the_message()
    {
        var error = Assert.Throws<TestKitAssertionException>(() => AwaitCondition(() => false, TimeSpan.FromMilliseconds(50), "never true"));
        Assert.Contains("never true", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EventFilter_counts_matching_events_published_by_the_action()
    {
        EventFilter.DeadLetter<string>().Expect(2, () =>
        {
            Sys.DeadLetters.Tell("x");
            Sys.DeadLetters.Tell("y");
        });
        Assert.Throws<TestKitAssertionException>(() =>
            EventFilter.DeadLetter<string>().Expect(2, () => Sys.DeadLetters.Tell("only one"), TimeSpan.FromMilliseconds(200)));
    }
}
