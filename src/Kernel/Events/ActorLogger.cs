using Microsoft.Extensions.Logging;

namespace ProcessManager.Kernel;

/// <summary>Writes to the configured logger and publishes entries at or above
/// <see cref="ActorSystemSettings.EventStreamLogLevel"/> as <see cref="LogEvent"/>.</summary>
internal sealed class ActorLogger(ActorSystem system, ILogger inner, string source, Type? logClass) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel) || logLevel >= system.Settings.EventStreamLogLevel;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (inner.IsEnabled(logLevel))
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }

        if (logLevel >= system.Settings.EventStreamLogLevel && logLevel != LogLevel.None)
        {
            system.EventStream.Publish(new LogEvent(logLevel, source, logClass, formatter(state, exception), exception));
        }
    }
}
