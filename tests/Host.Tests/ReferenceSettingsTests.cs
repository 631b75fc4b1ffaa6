using ProcessManager.Configuration;
using ProcessManager.Hocon;
using ProcessManager.Host.Backend;
using ProcessManager.Host.Hosting;

namespace ProcessManager.Host.Tests;

/// <summary>Every setting reference.conf documents under pbm.persistence and akka reaches the settings it names.</summary>
public sealed class ReferenceSettingsTests
{
    private const string Home = "/srv/pbm";

    private static readonly Dictionary<string, (string Setting, string Base)> PersistenceNonDefaults = new(StringComparer.Ordinal)
    {
        ["provider"] = ("provider = postgresql\npostgresql.connection-string = \"Host=db\"", "postgresql.connection-string = \"Host=db\""),
        ["sqlite.path"] = ("sqlite.path = /tmp/other.db", ""),
        ["sqlite.busy-timeout"] = ("sqlite.busy-timeout = 2s", ""),
        ["postgresql.connection-string"] = ("postgresql.connection-string = \"Host=db\"", ""),
        ["postgresql.schema"] = ("postgresql.schema = fleet", ""),
        ["postgresql.max-pool-size"] = ("postgresql.max-pool-size = 3", ""),
        ["group-commit.max-batch"] = ("group-commit.max-batch = 3", ""),
        ["group-commit.max-delay"] = ("group-commit.max-delay = 3ms", ""),
        ["group-commit.channel-capacity"] = ("group-commit.channel-capacity = 3", ""),
        ["retention.max-events-per-process"] = ("retention.max-events-per-process = 3", ""),
        ["retention.snapshot-every"] = ("retention.snapshot-every = 3", ""),
        ["plugin"] = ("plugin = akka-persistence-sql", ""),
        ["write-retry.max-tries"] = ("write-retry.max-tries = 3", ""),
        ["write-retry.first-delay"] = ("write-retry.first-delay = 3ms", ""),
        ["query.refresh-interval"] = ("query.refresh-interval = 3s", ""),
        ["query.max-buffer-size"] = ("query.max-buffer-size = 3", ""),
        ["max-concurrent-recoveries"] = ("max-concurrent-recoveries = 3", ""),
        ["legacy-serializer-id"] = ("legacy-serializer-id = 3", ""),
    };

    private static Config Reference() =>
        PbmConfigLoader.Load(new PbmConfigSources { SystemFile = null, PbmHome = Home }).Config;

    private static Config With(string block, string settings) =>
        ConfigurationFactory.ParseString($"pbm.{block} {{\n{settings}\n}}").WithFallback(Reference());

    private static IEnumerable<string> LeafKeys(HoconObject block, string prefix = "")
    {
        foreach (var (key, value) in block.Fields)
        {
            if (value is HoconObject nested)
            {
                foreach (var leaf in LeafKeys(nested, prefix + key + "."))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return prefix + key;
            }
        }
    }

    [Fact]
    public async Task Every_akka_setting_of_reference_conf_reaches_the_actor_system_unchanged()
    {
        var reference = Reference();
        using var system = Akka.Actor.ActorSystem.Create("reference", AkkaHocon.From(reference));
        try
        {
            var keys = LeafKeys(reference.GetConfig("akka").Root).ToList();
            Assert.Contains("coordinated-shutdown.phases.service-stop.timeout", keys);
            Assert.All(keys, key => Assert.Equal(reference.GetString("akka." + key), system.Settings.Config.GetString("akka." + key)));
            var shutdown = Akka.Actor.CoordinatedShutdown.Get(system);
            Assert.Equal(TimeSpan.FromSeconds(30), shutdown.Timeout(Akka.Actor.CoordinatedShutdown.PhaseServiceStop));
            Assert.Equal(TimeSpan.FromSeconds(10), shutdown.Timeout(Akka.Actor.CoordinatedShutdown.PhaseServiceRequestsDone));
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public void Reference_conf_lists_exactly_the_persistence_settings_in_the_table()
    {
        Assert.Equal(PersistenceNonDefaults.Keys.Order(StringComparer.Ordinal), LeafKeys(Reference().GetConfig("pbm.persistence").Root).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_persistence_setting_changes_the_persistence_settings()
    {
        var unread = PersistenceNonDefaults
            .Where(pair => PersistenceSettingsReader.Read(With("persistence", pair.Value.Setting), Home)
                == PersistenceSettingsReader.Read(With("persistence", pair.Value.Base), Home))
            .Select(pair => pair.Key)
            .ToList();

        Assert.Empty(unread);
    }

    [Fact]
    public void Busy_timeout_and_pool_size_reach_the_settings_and_are_validated()
    {
        var settings = PersistenceSettingsReader.Read(With("persistence", "sqlite.busy-timeout = 12s\npostgresql.max-pool-size = 4"), Home);

        Assert.Equal(TimeSpan.FromSeconds(12), settings.SqliteBusyTimeout);
        Assert.Equal(4, settings.PostgreSqlMaxPoolSize);
        Assert.Equal(TimeSpan.FromSeconds(5), PersistenceSettingsReader.Read(Reference(), Home).SqliteBusyTimeout);
    }

    [Theory]
    [InlineData("persistence", "sqlite.busy-timeout = 10ms", "pbm.persistence.sqlite.busy-timeout")]
    [InlineData("persistence", "postgresql.max-pool-size = 0", "pbm.persistence.postgresql.max-pool-size")]
    [InlineData("persistence", "group-commit.max-batch = 0", "pbm.persistence.group-commit.max-batch")]
    [InlineData("persistence", "write-retry.max-tries = 0", "pbm.persistence.write-retry.max-tries")]
    [InlineData("persistence", "max-concurrent-recoveries = 0", "pbm.persistence.max-concurrent-recoveries")]
    public void An_out_of_range_value_names_the_key_and_its_file_and_line(string block, string setting, string key)
    {
        var config = ConfigurationFactory.ParseString($"# daemon settings\npbm.{block}.{setting}\n", new HoconParseOptions { OriginDescription = "pbm.conf" })
            .WithFallback(Reference());

        var error = Assert.Throws<ConfigurationException>(() => PersistenceSettingsReader.Read(config, Home));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains("pbm.conf:2", error.Message, StringComparison.Ordinal);
    }
}
