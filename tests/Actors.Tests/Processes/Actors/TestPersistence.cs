using Akka.Configuration;
using ProcessManager.Actors.Processes.Events;
using ProcessManager.Persistence.Configuration;

namespace ProcessManager.Actors.Tests.Processes.Actors;

/// <summary>
/// The journal, snapshot store and read journal the process actors run on in these tests: the daemon's default
/// (the group-commit plugin) on a real SQLite file in the test's folder, and the product's event serializer.
/// </summary>
internal static class TestPersistence
{
    public static string ReadJournalId { get; } = PersistencePlugins.ReadJournalId(new PbmPersistenceSettings());

    public static Config For(string databasePath) =>
        ConfigurationFactory.ParseString("akka.loglevel = WARNING")
            .WithFallback(PersistencePlugins.Config(new PbmPersistenceSettings { SqlitePath = databasePath }))
            .WithFallback(ProcessEventSerializer.Configuration);
}
