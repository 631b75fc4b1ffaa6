namespace ProcessManager.Cli.Infrastructure;

/// <summary>Time as pbm sees it (relative times in tables); tests pass a fixed clock.</summary>
internal interface IClock
{
    /// <summary>Now.</summary>
    DateTimeOffset UtcNow { get; }
}

/// <summary>The system clock.</summary>
internal sealed class SystemClock : IClock
{
    /// <inheritdoc />
    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;
}
