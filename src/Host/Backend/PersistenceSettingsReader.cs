using System.Text.RegularExpressions;
using ProcessManager.Hocon;
using ProcessManager.Persistence;

namespace ProcessManager.Host.Backend;

/// <summary>Maps <c>pbm.persistence { ... }</c> onto <see cref="PersistenceSettings"/>: SQLite under
/// $PBM_HOME by default, PostgreSQL when <c>provider = postgresql</c> with a connection string.</summary>
internal static partial class PersistenceSettingsReader
{
    public static PersistenceSettings Read(Config config, string pbmHome)
    {
        var defaults = new PersistenceSettings();
        var persistence = config.GetConfig("pbm.persistence");
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
            Retention = defaults.Retention with
            {
                MaxEventsPerProcess = persistence.GetInt("retention.max-events-per-process", defaults.Retention.MaxEventsPerProcess),
                SnapshotEvery = persistence.GetInt("retention.snapshot-every", defaults.Retention.SnapshotEvery),
            },
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
