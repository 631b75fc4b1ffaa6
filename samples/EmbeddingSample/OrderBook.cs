using Akka.Actor;

namespace ProcessManager.Samples.Embedding;

/// <summary>The application's own actor: a book of pending orders that the application's pbm palette reads and feeds.</summary>
internal sealed class OrderBook : ReceiveActor
{
    private int _pending = 3;

    public OrderBook()
    {
        Receive<GetPendingOrders>(_ => Sender.Tell(new PendingOrders(_pending)));
        Receive<EnqueueOrders>(enqueue =>
        {
            _pending += enqueue.Count;
            Sender.Tell(new PendingOrders(_pending));
        });
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new OrderBook());
}

/// <summary>The ActorRegistry key of the <see cref="OrderBook"/>.</summary>
internal sealed class OrderBookKey;

internal sealed record GetPendingOrders
{
    public static GetPendingOrders Instance { get; } = new();
}

internal sealed record EnqueueOrders(int Count);

internal sealed record PendingOrders(int Count);
