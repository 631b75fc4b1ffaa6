using System.Text.RegularExpressions;
using ProcessManager.Hocon;
using ProcessManager.Persistence.Configuration;

namespace ProcessManager.Host.Backend;

/// <summary>
/// Maps <c>pbm.persistence { ... }</c> onto <see cref="PbmPersistenceSettings"/>: the group-commit plugin on SQLite
/// under $PBM_HOME by default, PostgreSQL when <c>provider = postgresql</c> with a connection string, Akka.Persistence.Sql
/// when <c>plugin = akka-persistence-sql</c>. A value out of range is refused naming its key and where it was set.
/// </summary>
internal static partial class PersistenceSettingsReader
{
    public static PbmPersistenceSettings Read(Config config, string pbmHome)
    {
        var defaults = new PbmPersistenceSettings();
        var persistence = config.GetConfig("pbm.persistence");
        var plugin = persistence.GetString("plugin", "group-commit")!.Trim().ToLowerInvariant() switch
        {
            "group-commit" => PersistencePluginKind.GroupCommit,
            "akka-persistence-sql" => PersistencePluginKind.AkkaPersistenceSql,
            var other => throw new ConfigurationException(
                $"pbm.persistence.plugin: '{other}' is not a journal plugin; use group-commit or akka-persistence-sql",
                persistence.GetValue("plugin")?.Origin),
        };
        var provider = persistence.GetString("provider", "sqlite")!.Trim().ToLowerInvariant() switch
        {
            "sqlite" => PersistenceProvider.Sqlite,
            "postgresql" or "postgres" => PersistenceProvider.PostgreSql,
            var other => throw new ConfigurationException(
                $"pbm.persistence.provider: '{other}' is not a journal engine; use sqlite or postgresql",
                persistence.GetValue("provider")?.Origin),
        };

        var sqlitePath = persistence.GetString("sqlite.path", null) is { Length: > 0 } path ? path : Path.Combine(pbmHome, "pbm.db");
        var connectionString = persistence.GetString("postgresql.connection-string", null);
        if (provider == PersistenceProvider.PostgreSql && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ConfigurationException(
                "pbm.persistence.postgresql.connection-string: required when provider = postgresql",
                persistence.GetValue("provider")?.Origin);
        }

        var settings = defaults with
        {
            Plugin = plugin,
            Provider = provider,
            SqlitePath = sqlitePath,
            SqliteBusyTimeout = persistence.GetTimeSpan("sqlite.busy-timeout", defaults.SqliteBusyTimeout),
            PostgreSqlConnectionString = string.IsNullOrWhiteSpace(connectionString) ? null : connectionString,
            PostgreSqlSchema = persistence.GetString("postgresql.schema", defaults.PostgreSqlSchema)!,
            PostgreSqlMaxPoolSize = persistence.GetInt("postgresql.max-pool-size", defaults.PostgreSqlMaxPoolSize),
            GroupCommit = defaults.GroupCommit with
            {
                MaxBatch = persistence.GetInt("group-commit.max-batch", defaults.GroupCommit.MaxBatch),
                MaxDelay = persistence.GetTimeSpan("group-commit.max-delay", defaults.GroupCommit.MaxDelay),
                ChannelCapacity = persistence.GetInt("group-commit.channel-capacity", defaults.GroupCommit.ChannelCapacity),
            },
            WriteRetry = defaults.WriteRetry with
            {
                MaxTries = persistence.GetInt("write-retry.max-tries", defaults.WriteRetry.MaxTries),
                FirstDelay = persistence.GetTimeSpan("write-retry.first-delay", defaults.WriteRetry.FirstDelay),
            },
            Retention = defaults.Retention with
            {
                MaxEventsPerProcess = persistence.GetInt("retention.max-events-per-process", defaults.Retention.MaxEventsPerProcess),
                SnapshotEvery = persistence.GetInt("retention.snapshot-every", defaults.Retention.SnapshotEvery),
            },
            LegacySerializerId = persistence.GetInt("legacy-serializer-id", defaults.LegacySerializerId),
            QueryRefreshInterval = persistence.GetTimeSpan("query.refresh-interval", defaults.QueryRefreshInterval),
            QueryMaxBufferSize = persistence.GetInt("query.max-buffer-size", defaults.QueryMaxBufferSize),
            MaxConcurrentRecoveries = persistence.GetInt("max-concurrent-recoveries", defaults.MaxConcurrentRecoveries),
        };
        try
        {
            settings.Validate();
        }
        catch (ArgumentException error) when (SettingKey().Match(error.Message) is { Success: true } key)
        {
            // Validate names the key at fault; add where it was set.
            throw new ConfigurationException(error.Message, persistence.GetValue(key.Groups[1].Value)?.Origin);
        }

        return settings;
    }

    [GeneratedRegex(@"^pbm\.persistence\.([a-z0-9.\-]*[a-z0-9])")]
    private static partial Regex SettingKey();
}
