using Akka.Configuration;
using ProcessManager.Persistence.Journal;
using ProcessManager.Persistence.Query;
using ProcessManager.Persistence.Snapshots;

namespace ProcessManager.Persistence.Configuration;

/// <summary>
/// The Akka configuration that makes the plugin <see cref="PbmPersistenceSettings.Plugin"/> names the default
/// journal and snapshot store, and the ids to reach its plugins by. Akka.Hosting apps use
/// <see cref="Hosting.PersistenceHostingExtensions.WithProcessManagerPersistence"/> instead of <see cref="Config"/>.
/// </summary>
public static class PersistencePlugins
{
    /// <summary>Akka configuration for <paramref name="settings"/>; put it before (as fallback of nothing, or over) the app's own.</summary>
    /// <exception cref="ArgumentException">Invalid settings (the message names the HOCON key).</exception>
    public static Config Config(PbmPersistenceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var plugins = settings.Plugin == PersistencePluginKind.GroupCommit
            ? GroupCommitHocon.For(settings)
            : AkkaPersistenceSqlHocon.For(settings);
        return ConfigurationFactory.ParseString(
            $$"""
            akka.persistence {
              max-concurrent-recoveries = {{Hocon.Number(settings.MaxConcurrentRecoveries)}}
              journal.plugin = "{{JournalId(settings)}}"
              snapshot-store.plugin = "{{SnapshotStoreId(settings)}}"
            }
            {{plugins}}
            """);
    }

    /// <summary>The journal plugin id: <c>akka.persistence.journal.pbm</c> or <c>akka.persistence.journal.sql</c>.</summary>
    public static string JournalId(PbmPersistenceSettings settings) =>
        Kind(settings) == PersistencePluginKind.GroupCommit ? GroupCommitJournal.Identifier : AkkaPersistenceSqlHocon.JournalId;

    /// <summary>The snapshot store plugin id: <c>akka.persistence.snapshot-store.pbm</c> or <c>akka.persistence.snapshot-store.sql</c>.</summary>
    public static string SnapshotStoreId(PbmPersistenceSettings settings) =>
        Kind(settings) == PersistencePluginKind.GroupCommit ? GroupCommitSnapshotStore.Identifier : AkkaPersistenceSqlHocon.SnapshotStoreId;

    /// <summary>
    /// The read journal id for <c>PersistenceQuery.Get(system).ReadJournalFor&lt;T&gt;(id)</c>; either plugin's read
    /// journal answers <c>ICurrentPersistenceIdsQuery</c> and <c>ICurrentEventsByPersistenceIdQuery</c>.
    /// </summary>
    public static string ReadJournalId(PbmPersistenceSettings settings) =>
        Kind(settings) == PersistencePluginKind.GroupCommit ? GroupCommitReadJournal.Identifier : AkkaPersistenceSqlHocon.ReadJournalId;

    private static PersistencePluginKind Kind(PbmPersistenceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Plugin;
    }
}
