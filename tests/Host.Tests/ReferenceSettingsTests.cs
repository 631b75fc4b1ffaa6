using Microsoft.Extensions.Logging.Abstractions;
using ProcessManager.Configuration;
using ProcessManager.Hocon;
using ProcessManager.Host.Backend;
using ProcessManager.Kernel;
using ProcessManager.Persistence;

namespace ProcessManager.Host.Tests;

/// <summary>Every setting reference.conf documents under pbm.kernel and pbm.persistence reaches the settings it names.</summary>
public sealed class ReferenceSettingsTests
{
    private const string Home = "/srv/pbm";

    private static readonly Dictionary<string, (string Setting, string Base)> KernelNonDefaults = new(StringComparer.Ordinal)
    {
        ["throughput"] = ("throughput = 3", ""),
        ["stash-capacity"] = ("stash-capacity = 3", ""),
        ["ask-timeout"] = ("ask-timeout = 3s", ""),
        ["dead-letters-log-limit"] = ("dead-letters-log-limit = 3", ""),
        ["shutdown.before-service-unbind-timeout"] = ("shutdown.before-service-unbind-timeout = 3s", ""),
        ["shutdown.service-unbind-timeout"] = ("shutdown.service-unbind-timeout = 3s", ""),
        ["shutdown.service-requests-done-timeout"] = ("shutdown.service-requests-done-timeout = 3s", ""),
        ["shutdown.service-stop-timeout"] = ("shutdown.service-stop-timeout = 3s", ""),
        ["shutdown.before-actor-system-terminate-timeout"] = ("shutdown.before-actor-system-terminate-timeout = 3s", ""),
        ["shutdown.actor-system-terminate-timeout"] = ("shutdown.actor-system-terminate-timeout = 3s", ""),
    };

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

    private static string Describe(ActorSystemSettings s) =>
        $"{s.Throughput}|{s.StashCapacity}|{s.DefaultAskTimeout}|{s.DeadLetterLogLimit}|{string.Join(",", s.CoordinatedShutdown.Phases)}";

    [Fact]
    public void Reference_conf_lists_exactly_the_kernel_settings_in_the_table_and_every_shutdown_phase_of_the_kernel()
    {
        Assert.Equal(KernelNonDefaults.Keys.Order(StringComparer.Ordinal), LeafKeys(Reference().GetConfig("pbm.kernel").Root).Order(StringComparer.Ordinal));
        foreach (var phase in ActorSystemSettings.Default.CoordinatedShutdown.Phases)
        {
            Assert.True(Reference().HasPath($"pbm.kernel.shutdown.{phase.Name}-timeout"), $"phase {phase.Name} has no timeout in reference.conf");
        }
    }

    [Fact]
    public void Every_kernel_setting_changes_the_actor_system_settings()
    {
        var unread = KernelNonDefaults
            .Where(pair => Describe(KernelSettingsReader.Read(With("kernel", pair.Value.Setting), NullLoggerFactory.Instance))
                == Describe(KernelSettingsReader.Read(With("kernel", pair.Value.Base), NullLoggerFactory.Instance)))
            .Select(pair => pair.Key)
            .ToList();

        Assert.Empty(unread);
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
    [InlineData("kernel", "throughput = 0", "pbm.kernel.throughput")]
    [InlineData("kernel", "ask-timeout = 0s", "pbm.kernel.ask-timeout")]
    [InlineData("kernel", "shutdown.service-stop-timeout = 0s", "pbm.kernel.shutdown.service-stop-timeout")]
    public void An_out_of_range_value_names_the_key_and_its_file_and_line(string block, string setting, string key)
    {
        var config = ConfigurationFactory.ParseString($"# daemon settings\npbm.{block}.{setting}\n", new HoconParseOptions { OriginDescription = "pbm.conf" })
            .WithFallback(Reference());

        var error = Assert.Throws<ConfigurationException>(() =>
        {
            if (block == "kernel")
            {
                KernelSettingsReader.Read(config, NullLoggerFactory.Instance);
            }
            else
            {
                PersistenceSettingsReader.Read(config, Home);
            }
        });

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains("pbm.conf:2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_with_a_short_busy_timeout_gives_up_on_a_locked_database_after_about_that_long()
    {
        var directory = Directory.CreateTempSubdirectory("pbm-busy-");
        try
        {
            var path = Path.Combine(directory.FullName, "pbm.db");
            var settings = PersistenceSettingsReader.Read(With("persistence", $"sqlite.path = \"{path}\"\nsqlite.busy-timeout = 1s"), Home);
            await using (await PersistenceStore.OpenAsync(settings, new Persistence.Serialization.EventSerializer(), TestContext.Current.CancellationToken))
            {
                // Opening created the schema; the store is closed again so that the lock below is the only holder.
            }

            await using var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
            await holder.OpenAsync(TestContext.Current.CancellationToken);
            await using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE";
                await begin.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }

            var started = System.Diagnostics.Stopwatch.StartNew();
            var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
            {
                await using var store = await PersistenceStore.OpenAsync(settings, new Persistence.Serialization.EventSerializer(), TestContext.Current.CancellationToken);
                await store.ReadHighestSequenceNrAsync("x", TestContext.Current.CancellationToken);
            });

            // It waited for the lock (at least the busy timeout), and gave up long before the 30 s it used to wait.
            Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(20));
            Assert.Contains("locked", error.ToString(), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }
}
