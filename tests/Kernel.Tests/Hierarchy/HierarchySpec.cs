namespace ProcessManager.Kernel.Tests.Hierarchy;

public sealed class HierarchySpec : TestKit.TestKit
{
    private sealed class Node : ReceiveActor
    {
        public Node()
        {
            Receive<string>(name => Sender.Tell(Context.ActorOf(Props.Create<Node>(), name)));
            ReceiveAsync<TaskCompletionSource>(gate => gate.Task);
            Receive<Exception>(e => throw e);
        }
    }

    [Fact]
    public void Snapshot_lists_children_sorted_with_types_mailbox_depth_and_restarts()
    {
        var root = Sys.ActorOf(Props.Create<Node>(), "tree");
        root.Tell("c", TestActor);
        root.Tell("a", TestActor);
        var children = ReceiveN(2).Cast<IActorRef>().ToList();
        var a = children.Single(c => c.Path.Name == "a");
        a.Tell(new InvalidOperationException("restart me"));
        var gate = new TaskCompletionSource();
        a.Tell(gate);
        a.Tell("x1");
        a.Tell("x2");
        a.Tell("x3");

        AwaitAssert(() =>
        {
            var tree = Sys.GetHierarchy().DescendantsAndSelf().Single(n => n.Path == "/user/tree");
            Assert.Equal(["a", "c"], tree.Children.Select(c => c.Name));
            Assert.Equal(typeof(Node).FullName, tree.ActorType);
            var nodeA = tree.Children[0];
            Assert.Equal(1, nodeA.RestartCount);
            Assert.Equal(3, nodeA.MailboxDepth);
            Assert.Equal(LifecycleState.Running, nodeA.State);
        });
        gate.SetResult();
    }

    [Fact]
    public void Depth_limit_cuts_children_but_keeps_their_count()
    {
        var root = Sys.ActorOf(Props.Create<Node>(), "deep");
        root.Tell("one", TestActor);
        ExpectMsg<IActorRef>();
        var limited = Sys.GetHierarchy(maxDepth: 2);
        var user = limited.Children.Single(c => c.Name == "user");
        var deep = user.Children.Single(c => c.Name == "deep");
        Assert.Empty(deep.Children);
        Assert.Equal(1, deep.ChildCount);
        Assert.Equal(["system", "user"], limited.Children.Select(c => c.Name));
        Assert.Empty(Sys.GetHierarchy(maxDepth: 0).Children);
    }

    [Fact]
    public async Task Snapshot_is_safe_while_actors_come_and_go()
    {
        var root = Sys.ActorOf(Props.Create<Node>(), "churn");
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            var snapshots = 0;
            while (!stop.IsCancellationRequested)
            {
                Assert.NotNull(Sys.GetHierarchy());
                snapshots++;
            }

            return snapshots;
        });
        for (var i = 0; i < 200; i++)
        {
            root.Tell($"n{i}", TestActor);
            Sys.Stop(ExpectMsg<IActorRef>());
        }

        await stop.CancelAsync();
        Assert.True(await reader > 0);
    }
}
