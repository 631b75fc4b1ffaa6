
namespace ProcessManager.Kernel.Tests.Events;

public sealed class EventStreamSpec : TestKit.TestKit
{
    private record Animal(string Name);

    private sealed record Dog(string Name) : Animal(Name);

    [Fact]
    public void Subscribers_receive_events_of_derived_types()
    {
        Sys.EventStream.Subscribe<Animal>(TestActor);
        Sys.EventStream.Publish(new Dog("rex"));
        Sys.EventStream.Publish("not an animal");
        Assert.Equal("rex", ExpectMsg<Dog>().Name);
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Unsubscribed_actors_receive_nothing()
    {
        Sys.EventStream.Subscribe<Animal>(TestActor);
        Sys.EventStream.Unsubscribe(TestActor, typeof(Animal));
        Sys.EventStream.Publish(new Dog("rex"));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }
}
