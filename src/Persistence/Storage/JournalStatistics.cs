using Akka.Actor;
using ProcessManager.Persistence.Configuration;

namespace ProcessManager.Persistence.Storage;

/// <summary>What the journal of an actor system is doing, for the daemon's memory and health reports.</summary>
public static class JournalStatistics
{
    /// <summary>
    /// The write queues of the group-commit stores of <paramref name="system"/>, or null when the journal is another
    /// plugin (Akka.Persistence.Sql keeps its own buffers) or no store has opened yet.
    /// </summary>
    public static WriteQueueStatistics? WriteQueues(ActorSystem system, PbmPersistenceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Plugin == PersistencePluginKind.GroupCommit ? GroupCommitStores.Get(system).WriteQueues() : null;
    }
}
