using Microsoft.Extensions.Logging;

namespace ProcessManager.Kernel.TestKit;

/// <summary>Builds filters over <see cref="LogEvent"/> and <see cref="DeadLetter"/> published on the event stream.</summary>
public sealed class EventFilterFactory(ActorSystem system)
{
    /// <summary>Error events whose cause is (or wraps) a <typeparamref name="T"/>.</summary>
    public EventFilter Exception<T>(string? messageContains = null) where T : Exception =>
        new(system, typeof(LogEvent), e => e is LogEvent { Level: LogLevel.Error } log && Wraps<T>(log.Cause) && Contains(log.Message, messageContains));

    public EventFilter Error(string? messageContains = null) => Level(LogLevel.Error, messageContains);

    public EventFilter Warning(string? messageContains = null) => Level(LogLevel.Warning, messageContains);

    public EventFilter Info(string? messageContains = null) => Level(LogLevel.Information, messageContains);

    /// <summary>Dead letters carrying a <typeparamref name="T"/>.</summary>
    public EventFilter DeadLetter<T>(Predicate<T>? predicate = null) =>
        new(system, typeof(DeadLetter), e => e is DeadLetter { Message: T m } && (predicate is null || predicate(m)));

    private EventFilter Level(LogLevel level, string? messageContains) =>
        new(system, typeof(LogEvent), e => e is LogEvent log && log.Level == level && Contains(log.Message, messageContains));

    private static bool Contains(string text, string? part) => part is null || text.Contains(part, StringComparison.Ordinal);

    private static bool Wraps<T>(Exception? cause)
    {
        for (var e = cause; e is not null; e = e.InnerException)
        {
            if (e is T)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Counts matching events published while an action runs.</summary>
public sealed class EventFilter
{
    private readonly ActorSystem _system;
    private readonly Type _channel;
    private readonly Predicate<object> _matches;

    internal EventFilter(ActorSystem system, Type channel, Predicate<object> matches)
    {
        _system = system;
        _channel = channel;
        _matches = matches;
    }

    public void ExpectOne(Action action) => Expect(1, action);

    public T ExpectOne<T>(Func<T> function) => Expect(1, function);

    /// <summary>Runs <paramref name="action"/> and waits until exactly <paramref name="occurrences"/>
    /// matching events were published (more is a failure).</summary>
    public void Expect(int occurrences, Action action, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        Expect(occurrences, () =>
        {
            action();
            return 0;
        }, timeout);
    }

    public T Expect<T>(int occurrences, Func<T> function, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        var probe = new TestProbe(_system);
        _system.EventStream.Subscribe(probe.Ref, _channel);
        try
        {
            var result = function();
            var seen = 0;
            var end = DateTime.UtcNow + (timeout is { } t ? TestKitSettings.Dilated(t) : TestKitSettings.DefaultTimeout);
            while (seen < occurrences)
            {
                var remaining = end - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero)
                {
                    throw new TestKitAssertionException($"Expected {occurrences} matching events, saw {seen}.");
                }

                try
                {
                    if (_matches(probe.ReceiveOne(remaining)))
                    {
                        seen++;
                    }
                }
                catch (TestKitAssertionException)
                {
                    throw new TestKitAssertionException($"Expected {occurrences} matching events, saw {seen}.");
                }
            }

            while (probe.HasMessages)
            {
                if (_matches(probe.ReceiveOne()))
                {
                    throw new TestKitAssertionException($"Expected {occurrences} matching events, saw more.");
                }
            }

            return result;
        }
        finally
        {
            _system.EventStream.Unsubscribe(probe.Ref);
            _system.Stop(probe.Ref);
        }
    }
}
