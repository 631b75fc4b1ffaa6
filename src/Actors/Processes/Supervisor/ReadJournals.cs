using Akka.Actor;
using Akka.Persistence.Query;

namespace ProcessManager.Actors.Processes.Supervisor;

/// <summary>The configured Akka.Persistence.Query read journal, as the query a caller needs.</summary>
internal static class ReadJournals
{
    /// <exception cref="NotSupportedException">The plugin does not offer <typeparamref name="TQuery"/>.</exception>
    public static TQuery Require<TQuery>(ActorSystem system, string readJournalId)
    {
        var journal = PersistenceQuery.Get(system).ReadJournalFor<IReadJournal>(readJournalId);
        return journal is TQuery query
            ? query
            : throw new NotSupportedException($"the read journal '{readJournalId}' ({journal.GetType().Name}) does not offer {typeof(TQuery).Name}");
    }
}
