using Akka.Configuration;

namespace ProcessManager.Persistence.Configuration;

/// <summary>Reads a group-commit plugin's HOCON section (journal, snapshot store or read journal) into settings.</summary>
internal static class PluginConfigReader
{
    /// <exception cref="ArgumentException">A value is invalid (the message names the key).</exception>
    public static PbmPersistenceSettings Read(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var defaults = new PbmPersistenceSettings();
        var provider = config.GetString("provider", "sqlite");
        var settings = new PbmPersistenceSettings
        {
            Provider = provider switch
            {
                "sqlite" => PersistenceProvider.Sqlite,
                "postgresql" => PersistenceProvider.PostgreSql,
                _ => throw new ArgumentException($"provider: unknown provider '{provider}' (use sqlite or postgresql)"),
            },
            SqlitePath = config.GetString("sqlite.path", defaults.SqlitePath),
            SqliteBusyTimeout = config.GetTimeSpan("sqlite.busy-timeout", defaults.SqliteBusyTimeout, allowInfinite: false),
            PostgreSqlConnectionString = NullIfEmpty(config.GetString("postgresql.connection-string", null)),
            PostgreSqlSchema = config.GetString("postgresql.schema", defaults.PostgreSqlSchema),
            PostgreSqlMaxPoolSize = config.GetInt("postgresql.max-pool-size", defaults.PostgreSqlMaxPoolSize),
            GroupCommit = new GroupCommitSettings
            {
                MaxBatch = config.GetInt("group-commit.max-batch", defaults.GroupCommit.MaxBatch),
                MaxDelay = config.GetTimeSpan("group-commit.max-delay", defaults.GroupCommit.MaxDelay, allowInfinite: false),
                ChannelCapacity = config.GetInt("group-commit.channel-capacity", defaults.GroupCommit.ChannelCapacity),
            },
            WriteRetry = new WriteRetrySettings
            {
                MaxTries = config.GetInt("write-retry.max-tries", defaults.WriteRetry.MaxTries),
                FirstDelay = config.GetTimeSpan("write-retry.first-delay", defaults.WriteRetry.FirstDelay, allowInfinite: false),
            },
            LegacySerializerId = config.GetInt("legacy-serializer-id", defaults.LegacySerializerId),
            QueryRefreshInterval = config.GetTimeSpan("refresh-interval", defaults.QueryRefreshInterval, allowInfinite: false),
            QueryMaxBufferSize = config.GetInt("max-buffer-size", defaults.QueryMaxBufferSize),
        };
        settings.Validate();
        return settings;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
