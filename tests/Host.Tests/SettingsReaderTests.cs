using Microsoft.Extensions.Logging.Abstractions;
using ProcessManager.Hocon;
using ProcessManager.Host.Backend;
using ProcessManager.Kernel;
using ProcessManager.Persistence;

namespace ProcessManager.Host.Tests;

public sealed class SettingsReaderTests
{
    [Fact]
    public void Kernel_keys_reach_the_actor_system_settings()
    {
        var config = ConfigurationFactory.ParseString("""
            pbm.kernel { throughput = 7, stash-capacity = 50, ask-timeout = 3s, dead-letters-log-limit = 0
                         shutdown { service-stop-timeout = 42s } }
            """);

        var settings = KernelSettingsReader.Read(config, NullLoggerFactory.Instance);

        Assert.Equal(7, settings.Throughput);
        Assert.Equal(50, settings.StashCapacity);
        Assert.Equal(TimeSpan.FromSeconds(3), settings.DefaultAskTimeout);
        Assert.Equal(0, settings.DeadLetterLogLimit);
        var serviceStop = settings.CoordinatedShutdown.Phases.Single(p => p.Name == CoordinatedShutdown.PhaseServiceStop);
        Assert.Equal(TimeSpan.FromSeconds(42), serviceStop.Timeout);
    }

    [Fact]
    public void Without_kernel_keys_the_kernel_defaults_stand()
    {
        var settings = KernelSettingsReader.Read(ConfigurationFactory.Empty, NullLoggerFactory.Instance);

        Assert.Equal(ActorSystemSettings.Default.Throughput, settings.Throughput);
        Assert.Equal(ActorSystemSettings.Default.CoordinatedShutdown.Phases, settings.CoordinatedShutdown.Phases);
    }

    [Fact]
    public void Sqlite_is_the_default_engine_under_pbm_home()
    {
        var settings = PersistenceSettingsReader.Read(ConfigurationFactory.Empty, "/tmp/home");

        Assert.Equal(PersistenceProvider.Sqlite, settings.Provider);
        Assert.Equal("/tmp/home/pbm.db", settings.SqlitePath);
    }

    [Fact]
    public void Postgresql_is_selected_with_a_connection_string()
    {
        var config = ConfigurationFactory.ParseString("""
            pbm.persistence { provider = postgresql, postgresql { connection-string = "Host=db;Database=pbm", schema = fleet }
                              group-commit { max-batch = 64 }, retention { max-events-per-process = 500 } }
            """);

        var settings = PersistenceSettingsReader.Read(config, "/tmp/home");

        Assert.Equal(PersistenceProvider.PostgreSql, settings.Provider);
        Assert.Equal("Host=db;Database=pbm", settings.PostgreSqlConnectionString);
        Assert.Equal("fleet", settings.PostgreSqlSchema);
        Assert.Equal(64, settings.GroupCommit.MaxBatch);
        Assert.Equal(500, settings.Retention.MaxEventsPerProcess);
    }

    [Fact]
    public void Postgresql_without_a_connection_string_names_the_key()
    {
        var config = ConfigurationFactory.ParseString("pbm.persistence.provider = postgresql", new HoconParseOptions { OriginDescription = "pbm.conf" });

        var error = Assert.Throws<ConfigurationException>(() => PersistenceSettingsReader.Read(config, "/tmp/home"));

        Assert.Contains("pbm.persistence.postgresql.connection-string", error.Message, StringComparison.Ordinal);
        Assert.Contains("pbm.conf:1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_engine_is_refused_with_its_name()
    {
        var config = ConfigurationFactory.ParseString("pbm.persistence.provider = mysql");

        var error = Assert.Throws<ConfigurationException>(() => PersistenceSettingsReader.Read(config, "/tmp/home"));

        Assert.Contains("'mysql'", error.Message, StringComparison.Ordinal);
    }
}
