using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using ProcessManager.Actors.Processes.Events;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Processes.Supervisor;

namespace ProcessManager.Actors.Processes.History;

/// <summary>
/// Reads an app's history back through the Akka.Persistence.Query read journal: its app stream, then the stream
/// of every instance it ever declared, merged in time order.
/// </summary>
internal static class ProcessHistoryReader
{
    public static async Task<IReadOnlyList<ProcessHistoryEntry>> ReadAsync(
        ActorSystem system, string readJournalId, string name, DateTimeOffset? since, int limit)
    {
        var journal = ReadJournals.Require<ICurrentEventsByPersistenceIdQuery>(system, readJournalId);
        var materializer = system.Materializer();
        var app = await ReadStreamAsync(journal, materializer, PersistenceIds.App(name)).ConfigureAwait(false);

        // Instances of every spec the app ever had: a scaled-down instance's history is part of the app's.
        var instances = app.Select(envelope => envelope.Event switch
        {
            AppDeclared declared => declared.Spec.Instances,
            AppConfigChanged changed => changed.Spec.Instances,
            _ => 0,
        }).DefaultIfEmpty(0).Max();

        var entries = app.Select(envelope => Entry(envelope, name)).ToList();
        for (var index = 0; index < instances; index++)
        {
            var instance = $"{name}-{index}";
            entries.AddRange((await ReadStreamAsync(journal, materializer, PersistenceIds.Instance(instance)).ConfigureAwait(false))
                .Select(envelope => Entry(envelope, instance)));
        }

        return [.. entries
            .OfType<ProcessHistoryEntry>()
            .Where(entry => since is null || entry.Timestamp >= since)
            .OrderBy(entry => entry.Timestamp).ThenBy(entry => entry.SequenceNr)
            .TakeLast(limit)];
    }

    private static Task<System.Collections.Immutable.IImmutableList<EventEnvelope>> ReadStreamAsync(ICurrentEventsByPersistenceIdQuery journal, IMaterializer materializer, string persistenceId) =>
        journal.CurrentEventsByPersistenceId(persistenceId, 0, long.MaxValue).RunWith(Sink.Seq<EventEnvelope>(), materializer);

    private static ProcessHistoryEntry? Entry(EventEnvelope envelope, string instance) => envelope.Event is ProcessEvent recorded
        ? new ProcessHistoryEntry(envelope.SequenceNr, JournalTime.ToDateTimeOffset(envelope.Timestamp), instance, recorded.Name, recorded.Describe())
        : null;
}
