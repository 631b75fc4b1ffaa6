using ProcessManager.Hocon;

namespace ProcessManager.Configuration.Tests;

public sealed class ProcessesKeyAndRemovedSettingsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private PbmConfigLoadResult Load(string file) =>
        PbmConfigLoader.Load(new PbmConfigSources { SystemFile = null, PbmHome = _dir.Path, ConfigFile = file });

    [Fact]
    public void Programs_under_pbm_processes_are_an_error_naming_file_and_line_and_saying_where_they_go()
    {
        var file = _dir.Write("daemon.conf", "pbm {\n  api.max-connections = 10\n  processes {\n    web { command = [sleep, \"1\"] }\n  }\n}\n");

        var error = Assert.Throws<ConfigurationException>(() => Load(file));

        Assert.Contains("daemon.conf:3", error.Message, StringComparison.Ordinal);
        Assert.Contains("top-level 'processes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Programs_under_pbm_processes_from_an_environment_variable_are_refused_too()
    {
        var error = Assert.Throws<ConfigurationException>(() => PbmConfigLoader.Load(new PbmConfigSources
        {
            SystemFile = null,
            PbmHome = _dir.Path,
            Environment = new Dictionary<string, string> { ["PBM__PBM__PROCESSES__WEB__INSTANCES"] = "2" },
        }));

        Assert.Contains("PBM__PBM__PROCESSES__WEB__INSTANCES", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Top_level_processes_load_without_warnings()
    {
        var file = _dir.Write("daemon.conf", "processes {\n  web { command = [sleep, \"1\"] }\n}\n");

        var result = Load(file);

        Assert.Empty(result.Warnings);
        Assert.Equal(["web"], result.Config.GetObjectKeys("processes"));
    }

    [Fact]
    public void Config_resolve_of_a_file_with_pbm_processes_fails_with_file_and_line()
    {
        var file = _dir.Write("apps.conf", "pbm.processes.web.command = [x]\n");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = ConfigResolveCommand.Run(file, json: false, stdout, stderr, new PbmConfigSources { SystemFile = null, PbmHome = _dir.Path });

        Assert.Equal(ConfigResolveCommand.ExitInvalid, code);
        Assert.Contains("apps.conf:1", stderr.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pbm.node-name = n1", "pbm.node-name", "pbm.cluster.node-name")]
    [InlineData("pbm.persistence.membership.heartbeat-interval = 1s", "pbm.persistence.membership", "pbm.cluster")]
    [InlineData("pbm.persistence.retention.keep-snapshots = 3", "pbm.persistence.retention.keep-snapshots", "newest snapshot")]
    [InlineData("pbm.kernel.throughput = 10", "pbm.kernel", "akka.actor.default-dispatcher.throughput")]
    [InlineData("pbm.kernel.shutdown.service-stop-timeout = 1m", "pbm.kernel", "akka.coordinated-shutdown.phases")]
    [InlineData("pbm.logs.level = debug", "pbm.logs", "log")]
    public void A_removed_setting_is_a_warning_with_file_line_and_the_reason(string setting, string path, string reason)
    {
        var file = _dir.Write("old.conf", "# an old configuration\n" + setting + "\n");

        var warning = Assert.Single(Load(file).Warnings);

        Assert.Equal(path, warning.Path);
        Assert.Contains("old.conf:2", warning.ToString(), StringComparison.Ordinal);
        Assert.Contains("not a setting any more", warning.Message, StringComparison.Ordinal);
        Assert.Contains(reason, warning.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Reference_conf_no_longer_documents_the_removed_settings()
    {
        var reference = PbmReference.Unresolved();

        foreach (var path in new[] { "pbm.node-name", "pbm.persistence.membership", "pbm.persistence.retention.keep-snapshots", "pbm.kernel", "pbm.logs" })
        {
            Assert.False(reference.TryGetValue(path, out _), path + " is still in reference.conf");
        }
    }

    [Fact]
    public void Plugin_settings_are_known_and_a_misspelt_one_is_a_warning_naming_the_right_key()
    {
        var file = _dir.Write("p.conf", "pbm.plugins { directories = [/srv/plugins], max-frame-size = 1MiB }\npbm.plugins.watch-debounse = 1s\n");

        var warning = Assert.Single(Load(file).Warnings);

        Assert.Equal("pbm.plugins.watch-debounse", warning.Path);
        Assert.Contains("p.conf:2", warning.ToString(), StringComparison.Ordinal);
        Assert.Contains("pbm.plugins.watch-debounce", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_defaults_that_are_unset_by_default_are_known_keys_so_setting_them_is_no_warning()
    {
        var file = _dir.Write("d.conf", "pbm.process-defaults { user = www-data, group = www-data, timeout = 10m, cwd = /srv, memory-limit = 1GiB }\n");

        Assert.Empty(Load(file).Warnings);
    }
}
