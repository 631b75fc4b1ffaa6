using ProcessManager.Persistence.Journal;
using ProcessManager.Persistence.Query;
using ProcessManager.Persistence.Snapshots;

namespace ProcessManager.Persistence.Configuration;

/// <summary>HOCON for the group-commit journal, snapshot store and read journal of one database.</summary>
internal static class GroupCommitHocon
{
    public static string For(PbmPersistenceSettings settings)
    {
        var store = StoreSection(settings);
        return $$"""
            akka.persistence {
              journal.{{Last(GroupCommitJournal.Identifier)}} {
                class = "{{typeof(GroupCommitJournal).AssemblyQualifiedNameWithoutVersion()}}"
                {{store}}
                # Each (persistence id, sequence nr) is a unique key, so a replay never holds two writers'
                # events for one number: the filter's per-replay actor and look-ahead buffer buy nothing.
                replay-filter.mode = off
              }
              snapshot-store.{{Last(GroupCommitSnapshotStore.Identifier)}} {
                class = "{{typeof(GroupCommitSnapshotStore).AssemblyQualifiedNameWithoutVersion()}}"
                {{store}}
              }
              query.journal.{{Last(GroupCommitReadJournal.Identifier)}} {
                class = "{{typeof(GroupCommitReadJournalProvider).AssemblyQualifiedNameWithoutVersion()}}"
                {{store}}
                refresh-interval = {{Hocon.Duration(settings.QueryRefreshInterval)}}
                max-buffer-size = {{Hocon.Number(settings.QueryMaxBufferSize)}}
              }
            }
            """;
    }

    private static string StoreSection(PbmPersistenceSettings settings) =>
        $$"""
        provider = {{(settings.Provider == PersistenceProvider.Sqlite ? "sqlite" : "postgresql")}}
                sqlite {
                  path = {{Hocon.Quote(settings.SqlitePath)}}
                  busy-timeout = {{Hocon.Duration(settings.SqliteBusyTimeout)}}
                }
                postgresql {
                  connection-string = {{Hocon.Quote(settings.PostgreSqlConnectionString ?? "")}}
                  schema = {{Hocon.Quote(settings.PostgreSqlSchema)}}
                  max-pool-size = {{Hocon.Number(settings.PostgreSqlMaxPoolSize)}}
                }
                group-commit {
                  max-batch = {{Hocon.Number(settings.GroupCommit.MaxBatch)}}
                  max-delay = {{Hocon.Duration(settings.GroupCommit.MaxDelay)}}
                  channel-capacity = {{Hocon.Number(settings.GroupCommit.ChannelCapacity)}}
                }
                write-retry {
                  max-tries = {{Hocon.Number(settings.WriteRetry.MaxTries)}}
                  first-delay = {{Hocon.Duration(settings.WriteRetry.FirstDelay)}}
                }
                legacy-serializer-id = {{Hocon.Number(settings.LegacySerializerId)}}
        """;

    private static string Last(string pluginId) => pluginId[(pluginId.LastIndexOf('.') + 1)..];

    private static string AssemblyQualifiedNameWithoutVersion(this Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}
