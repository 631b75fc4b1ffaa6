using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.PublishSubscribe;
using ProcessManager.Actors.Cluster;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Host.Backend;
using Dto = ProcessManager.Contracts.Dtos;

namespace ProcessManager.Host.Cluster;

/// <summary>
/// Events of the whole fleet (`pbm process events --all-nodes`): every node publishes its process state changes on
/// one distributed pub-sub topic (<see cref="FleetEventPublisher"/>); a subscriber gets those and the membership
/// changes its own node sees (member up, unreachable, reachable, removed), each naming its node. The stream begins with
/// the membership as it stands (a member-up per member, an unreachable per unreachable one), which also shows a
/// subscriber that it is live.
/// </summary>
internal static class FleetEvents
{
    public const string Topic = "pbm-process-events";

    /// <summary>The fleet's events until cancelled, through a bounded buffer that drops the oldest when full.</summary>
    public static async IAsyncEnumerable<Dto.ProcessEvent> StreamAsync(NodeDirectory fleet, int buffer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<Dto.ProcessEvent>(new BoundedChannelOptions(buffer)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        var system = (ExtendedActorSystem)fleet.System;
        var subscriber = system.SystemActorOf(Props.Create(() => new FleetEventSubscriber(channel.Writer)), $"fleet-events-{Guid.NewGuid():N}");
        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
        finally
        {
            system.Stop(subscriber);
        }
    }

    /// <summary>
    /// One node's events (`pbm --node NAME process events`): its process state changes and its membership changes, as
    /// this node hears them. Its USB events are not published to the fleet, so they are not among them.
    /// </summary>
    public static async IAsyncEnumerable<Dto.ProcessEvent> OfNodeAsync(NodeDirectory fleet, string node, int buffer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in StreamAsync(fleet, buffer, cancellationToken).ConfigureAwait(false))
        {
            if (item.Node == node)
            {
                yield return item;
            }
        }
    }

    public static Dto.ProcessEvent ToDto(NodeProcessEvent published) =>
        ProcessDtoMapper.Event(published.Changed) with { Node = published.Node };
}

/// <summary>One node's publisher: its process state changes go to the fleet's topic, named for the node.</summary>
internal sealed class FleetEventPublisher : ReceiveActor
{
    public const string Name = "pbm-fleet-events";

    public FleetEventPublisher(string nodeName)
    {
        var mediator = DistributedPubSub.Get(Context.System).Mediator;
        Receive<ProcessStateChanged>(changed => mediator.Tell(new Publish(FleetEvents.Topic, new NodeProcessEvent(nodeName, changed))));
    }

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(ProcessStateChanged));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}

/// <summary>One API subscriber's bridge: the fleet topic and this node's view of the membership, into a channel.</summary>
internal sealed class FleetEventSubscriber : ReceiveActor
{
    private readonly ChannelWriter<Dto.ProcessEvent> _writer;

    public FleetEventSubscriber(ChannelWriter<Dto.ProcessEvent> writer)
    {
        _writer = writer;
        Receive<NodeProcessEvent>(published => _writer.TryWrite(FleetEvents.ToDto(published)));
        Receive<SubscribeAck>(_ => { });
        Receive<ClusterEvent.MemberUp>(e => Member(e.Member, "member-up"));
        Receive<ClusterEvent.UnreachableMember>(e => Member(e.Member, "unreachable"));
        Receive<ClusterEvent.ReachableMember>(e => Member(e.Member, "reachable"));
        Receive<ClusterEvent.MemberRemoved>(e => Member(e.Member, "removed"));
        Receive<ClusterEvent.IMemberEvent>(_ => { });
    }

    private void Member(Member member, string change) =>
        _writer.TryWrite(new Dto.ProcessEvent(DateTimeOffset.UtcNow, "node/" + NodeDirectory.NameOf(member), change, null, member.Address.ToString(), Node: NodeDirectory.NameOf(member)));

    protected override void PreStart()
    {
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Subscribe(FleetEvents.Topic, Self));
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));
    }

    protected override void PostStop()
    {
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Unsubscribe(FleetEvents.Topic, Self));
        Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
        _writer.TryComplete();
    }
}
