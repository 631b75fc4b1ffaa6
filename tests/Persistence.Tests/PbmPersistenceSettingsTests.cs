using ProcessManager.Persistence.Configuration;

namespace ProcessManager.Persistence.Tests;

public sealed class PbmPersistenceSettingsTests
{
    [Fact]
    public void The_defaults_are_valid_and_documented_values()
    {
        var settings = new PbmPersistenceSettings();

        settings.Validate();
        Assert.Equal(PersistencePluginKind.GroupCommit, settings.Plugin);
        Assert.Equal(PersistenceProvider.Sqlite, settings.Provider);
        Assert.Equal(6, settings.WriteRetry.MaxTries);
        Assert.Equal(TimeSpan.FromMilliseconds(50), settings.WriteRetry.FirstDelay);
        Assert.Equal(7301, settings.LegacySerializerId);
        Assert.Equal(500, settings.GroupCommit.MaxBatch);
        Assert.Equal(TimeSpan.Zero, settings.GroupCommit.MaxDelay);
        Assert.Equal(10_000, settings.GroupCommit.ChannelCapacity);
        Assert.Equal(1000, settings.Retention.MaxEventsPerProcess);
        Assert.Equal(100, settings.Retention.SnapshotEvery);
    }

    public static TheoryData<PbmPersistenceSettings, string> InvalidSettings => new()
    {
        { new PbmPersistenceSettings { SqlitePath = " " }, "pbm.persistence.sqlite.path" },
        { new PbmPersistenceSettings { Provider = PersistenceProvider.PostgreSql }, "pbm.persistence.postgresql.connection-string" },
        { new PbmPersistenceSettings { Provider = (PersistenceProvider)7 }, "pbm.persistence.provider" },
        { new PbmPersistenceSettings { GroupCommit = new GroupCommitSettings { MaxBatch = 0 } }, "pbm.persistence.group-commit.max-batch" },
        { new PbmPersistenceSettings { GroupCommit = new GroupCommitSettings { MaxDelay = TimeSpan.FromSeconds(-1) } }, "pbm.persistence.group-commit.max-delay" },
        { new PbmPersistenceSettings { GroupCommit = new GroupCommitSettings { ChannelCapacity = 0 } }, "pbm.persistence.group-commit.channel-capacity" },
        { new PbmPersistenceSettings { Retention = new RetentionSettings { MaxEventsPerProcess = 0 } }, "pbm.persistence.retention.max-events-per-process" },
        { new PbmPersistenceSettings { Retention = new RetentionSettings { SnapshotEvery = -1 } }, "pbm.persistence.retention.snapshot-every" },
        { new PbmPersistenceSettings { Plugin = (PersistencePluginKind)9 }, "pbm.persistence.plugin" },
        { new PbmPersistenceSettings { WriteRetry = new WriteRetrySettings { MaxTries = 0 } }, "pbm.persistence.write-retry.max-tries" },
        { new PbmPersistenceSettings { QueryRefreshInterval = TimeSpan.Zero }, "pbm.persistence.query.refresh-interval" },
        { new PbmPersistenceSettings { QueryMaxBufferSize = 0 }, "pbm.persistence.query.max-buffer-size" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void An_invalid_setting_is_rejected_naming_its_key(PbmPersistenceSettings settings, string key)
    {
        var error = Assert.Throws<ArgumentException>(settings.Validate);

        Assert.StartsWith(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsafe_postgresql_schema_name_is_rejected_before_anything_connects()
    {
        var settings = new PbmPersistenceSettings
        {
            Provider = PersistenceProvider.PostgreSql,
            PostgreSqlConnectionString = "Host=127.0.0.1;Port=1",
            PostgreSqlSchema = "x\"; DROP TABLE journal; --",
        };

        var error = Assert.Throws<ArgumentException>(() => PersistencePlugins.Config(settings));

        Assert.StartsWith("pbm.persistence.postgresql.schema", error.Message, StringComparison.Ordinal);
    }
}
