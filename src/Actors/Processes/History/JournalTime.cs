namespace ProcessManager.Actors.Processes.History;

/// <summary>Akka.Persistence journals stamp events with UTC <see cref="DateTime.Ticks"/> (EventEnvelope.Timestamp).</summary>
internal static class JournalTime
{
    public static DateTimeOffset ToDateTimeOffset(long ticks) =>
        ticks is > 0 and <= 3155378975999999999 ? new DateTimeOffset(ticks, TimeSpan.Zero) : DateTimeOffset.UnixEpoch;
}
