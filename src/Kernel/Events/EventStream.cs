using System.Collections.Concurrent;

namespace ProcessManager.Kernel;

/// <summary>
/// Publish/subscribe by type: a subscriber to a type receives events of that type and of every
/// type derived from it (including interfaces it implements). Thread-safe; subscriptions are
/// copy-on-write and the type→subscribers resolution is cached until they change.
/// </summary>
public sealed class EventStream
{
    private readonly object _gate = new();

    /// <summary>All subscriptions; replaced, never mutated.</summary>
    private (Type Channel, IActorRef Subscriber)[] _subscriptions = [];

    /// <summary>Resolved subscribers per event type; cleared on every change.</summary>
    private readonly ConcurrentDictionary<Type, IActorRef[]> _resolved = new();

    /// <summary>Bound on cached event types; beyond it resolution is recomputed per publish.</summary>
    private const int MaxCachedTypes = 4096;

    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (_gate)
        {
            if (_subscriptions.Any(s => s.Channel == channel && ReferenceEquals(s.Subscriber, subscriber)))
            {
                return false;
            }

            _subscriptions = [.. _subscriptions, (channel, subscriber)];
            _resolved.Clear();
            return true;
        }
    }

    public bool Subscribe<T>(IActorRef subscriber) => Subscribe(subscriber, typeof(T));

    public bool Unsubscribe(IActorRef subscriber, Type channel)
    {
        lock (_gate)
        {
            var kept = _subscriptions.Where(s => !(s.Channel == channel && ReferenceEquals(s.Subscriber, subscriber))).ToArray();
            var removed = kept.Length != _subscriptions.Length;
            _subscriptions = kept;
            _resolved.Clear();
            return removed;
        }
    }

    /// <summary>Removes every subscription of <paramref name="subscriber"/>.</summary>
    public bool Unsubscribe(IActorRef subscriber)
    {
        lock (_gate)
        {
            var kept = _subscriptions.Where(s => !ReferenceEquals(s.Subscriber, subscriber)).ToArray();
            var removed = kept.Length != _subscriptions.Length;
            _subscriptions = kept;
            _resolved.Clear();
            return removed;
        }
    }

    /// <summary>True if anyone would receive an event of this type.</summary>
    public bool HasSubscribers(Type eventType) => Resolve(eventType).Length > 0;

    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        foreach (var subscriber in Resolve(@event.GetType()))
        {
            subscriber.Tell(@event, ActorRefs.NoSender);
        }
    }

    private IActorRef[] Resolve(Type eventType)
    {
        if (_resolved.TryGetValue(eventType, out var cached))
        {
            return cached;
        }

        var subscriptions = Volatile.Read(ref _subscriptions);
        var resolved = subscriptions.Where(s => s.Channel.IsAssignableFrom(eventType)).Select(s => s.Subscriber).Distinct().ToArray();
        if (_resolved.Count < MaxCachedTypes && ReferenceEquals(subscriptions, Volatile.Read(ref _subscriptions)))
        {
            _resolved.TryAdd(eventType, resolved);
        }

        return resolved;
    }
}
