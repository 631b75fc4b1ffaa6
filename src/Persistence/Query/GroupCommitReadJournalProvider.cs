using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Query;
using ProcessManager.Persistence.Configuration;

namespace ProcessManager.Persistence.Query;

/// <summary>Creates the <see cref="GroupCommitReadJournal"/> for <c>PersistenceQuery</c> from its HOCON section.</summary>
public sealed class GroupCommitReadJournalProvider(ExtendedActorSystem system, Config config) : IReadJournalProvider
{
    private readonly GroupCommitReadJournal _journal = new(system, PluginConfigReader.Read(config));

    public IReadJournal GetReadJournal() => _journal;
}
