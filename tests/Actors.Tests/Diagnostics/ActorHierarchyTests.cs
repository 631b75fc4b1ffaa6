using Akka.Actor;
using ProcessManager.Actors.Diagnostics;
using Xunit;

namespace ProcessManager.Actors.Tests.Diagnostics;

public sealed class ActorHierarchyTests : Akka.TestKit.Xunit.TestKit
{
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task The_walk_finds_user_and_system_actors_sorted_by_name_and_stops_at_the_depth()
    {
        var parent = Sys.ActorOf(Props.Create(() => new Parent(new[] { "zeta", "alpha", "mid" })), "parent");
        Sys.ActorOf(Props.Create(() => new Parent(Array.Empty<string>())), "another");
        AwaitAssert(() => Assert.Equal(3, parent.Ask<int>("children", TimeSpan.FromSeconds(5)).Result), cancellationToken: TestContext.Current.CancellationToken);

        var tree = await ActorHierarchy.WalkAsync(Sys, depth: 3, QuietPeriod, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal("/", tree.Path);
        Assert.Equal(["system", "user"], tree.Children.Select(node => node.Name));
        var user = tree.Children.Single(node => node.Path == "/user");
        Assert.Equal(["another", "parent"], user.Children.Select(node => node.Name).Where(name => name is "another" or "parent"));
        var found = user.Children.Single(node => node.Name == "parent");
        Assert.Equal(["alpha", "mid", "zeta"], found.Children.Select(node => node.Name));
        Assert.Equal(typeof(Parent).FullName, found.ActorType);
        Assert.Contains(tree.Children.Single(node => node.Path == "/system").Children, node => node.Name == "log1-TestEventListener" || node.Name.StartsWith("log", StringComparison.Ordinal));

        var shallow = await ActorHierarchy.WalkAsync(Sys, depth: 2, QuietPeriod, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.All(shallow.Children.Single(node => node.Path == "/user").Children, node => Assert.Empty(node.Children));
    }

    private sealed class Parent : ReceiveActor
    {
        public Parent(IReadOnlyList<string> children)
        {
            foreach (var child in children)
            {
                Context.ActorOf(Props.Create(() => new Parent(Array.Empty<string>())), child);
            }

            Receive<string>(_ => Sender.Tell(Context.GetChildren().Count()));
        }
    }
}
