using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using ProcessManager.Actors.Processes.Events;

namespace ProcessManager.Actors.Processes.Supervisor;

/// <summary>Finds the apps of a journal written before the supervisor kept a registry: its app/NAME streams.</summary>
internal static class LegacyApps
{
    public static async Task<IReadOnlyList<string>> FindAsync(ActorSystem system, string readJournalId)
    {
        var journal = ReadJournals.Require<ICurrentPersistenceIdsQuery>(system, readJournalId);
        var ids = await journal.CurrentPersistenceIds().RunWith(Sink.Seq<string>(), system.Materializer()).ConfigureAwait(false);
        return [.. ids.Select(PersistenceIds.AppName).OfType<string>().Order(StringComparer.Ordinal)];
    }
}
