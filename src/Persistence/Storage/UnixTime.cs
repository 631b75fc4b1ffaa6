namespace ProcessManager.Persistence.Storage;

/// <summary>Rows keep times as Unix milliseconds; Akka speaks <see cref="DateTime"/> (UTC) and ticks.</summary>
internal static class UnixTime
{
    private static readonly long MinMs = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxMs = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>Milliseconds since the epoch; <see cref="DateTime.MinValue"/> and <see cref="DateTime.MaxValue"/> map to the ends of the range.</summary>
    public static long ToMs(DateTime time) =>
        time == DateTime.MaxValue ? MaxMs
        : time == DateTime.MinValue ? MinMs
        : new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    public static DateTime ToDateTime(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(ms, MinMs, MaxMs)).UtcDateTime;

    /// <summary>UTC ticks, Akka's unit for <c>IPersistentRepresentation.Timestamp</c> and <c>EventEnvelope.Timestamp</c>.</summary>
    public static long ToTicks(long ms) => ToDateTime(ms).Ticks;

    public static long NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
