namespace ProcessManager.Persistence.Configuration;

/// <summary>
/// HOCON for Akka.Persistence.Sql on the same database. Its tables get an <c>akka_</c> prefix
/// (<c>akka_journal</c>, <c>akka_metadata</c>, <c>akka_tags</c>, <c>akka_snapshot</c>) so that they live
/// beside the group-commit plugin's <c>journal</c> and <c>snapshot</c> in one file or schema.
/// </summary>
internal static class AkkaPersistenceSqlHocon
{
    public const string JournalId = "akka.persistence.journal.sql";
    public const string SnapshotStoreId = "akka.persistence.snapshot-store.sql";
    public const string ReadJournalId = "akka.persistence.query.journal.sql";

    /// <summary>linq2db's provider names for Microsoft.Data.Sqlite and for PostgreSQL 15 and later.</summary>
    public static string ProviderName(PersistenceProvider provider) =>
        provider == PersistenceProvider.Sqlite ? "SQLite.MS" : "PostgreSQL.15";

    public static string ConnectionString(PbmPersistenceSettings settings) =>
        settings.Provider == PersistenceProvider.Sqlite
            ? $"Data Source={Path.GetFullPath(settings.SqlitePath)}"
            : settings.PostgreSqlConnectionString!;

    public static string For(PbmPersistenceSettings settings)
    {
        var connection = Hocon.Quote(ConnectionString(settings));
        var provider = Hocon.Quote(ProviderName(settings.Provider));
        var schema = settings.Provider == PersistenceProvider.PostgreSql ? Hocon.Quote(settings.PostgreSqlSchema) : "null";
        var journalTables = $$"""
            default {
                  schema-name = {{schema}}
                  journal.table-name = "akka_journal"
                  metadata.table-name = "akka_metadata"
                  tag.table-name = "akka_tags"
                }
            """;
        return $$"""
            akka.persistence {
              journal.sql {
                class = "ProcessManager.Persistence.Journal.RejectingSqlWriteJournal, ProcessManager.Persistence"
                connection-string = {{connection}}
                provider-name = {{provider}}
                table-mapping = default
                tag-write-mode = TagTable
                auto-initialize = true
                {{journalTables}}
              }
              snapshot-store.sql {
                class = "Akka.Persistence.Sql.Snapshot.SqlSnapshotStore, Akka.Persistence.Sql"
                connection-string = {{connection}}
                provider-name = {{provider}}
                table-mapping = default
                auto-initialize = true
                default {
                  schema-name = {{schema}}
                  snapshot.table-name = "akka_snapshot"
                }
              }
              query.journal.sql {
                class = "Akka.Persistence.Sql.Query.SqlReadJournalProvider, Akka.Persistence.Sql"
                write-plugin = "{{JournalId}}"
                connection-string = {{connection}}
                provider-name = {{provider}}
                table-mapping = default
                tag-read-mode = TagTable
                refresh-interval = {{Hocon.Duration(settings.QueryRefreshInterval)}}
                max-buffer-size = {{Hocon.Number(settings.QueryMaxBufferSize)}}
                {{journalTables}}
              }
            }
            """;
    }
}
