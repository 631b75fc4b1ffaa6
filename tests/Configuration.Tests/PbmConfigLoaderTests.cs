using ProcessManager.Hocon;

namespace ProcessManager.Configuration.Tests;

public sealed class PbmConfigLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Sources_override_in_load_order()
    {
        var system = _dir.Write("etc/pbm.conf", "pbm.api { max-connections = 1, latency-samples = 11, request-timeout = 11s }\npbm.persistence.postgresql.schema = etc");
        var home = Path.Combine(_dir.Path, "home");
        _dir.Write("home/pbm.conf", "pbm.api { max-connections = 2, latency-samples = 22 }");
        var cli = _dir.Write("cli.conf", "pbm.api.max-connections = 3\nakka.loglevel = WARNING");
        var sources = new PbmConfigSources
        {
            SystemFile = system,
            PbmHome = home,
            ConfigFile = cli,
            Environment = new Dictionary<string, string> { ["PBM__PBM__API__MAX_CONNECTIONS"] = "4", ["PBM__AKKA__LOGLEVEL"] = "DEBUG" },
        };

        var result = PbmConfigLoader.Load(sources);

        Assert.Equal(4, result.Config.GetInt("pbm.api.max-connections"));
        Assert.Equal(22, result.Config.GetInt("pbm.api.latency-samples"));
        Assert.Equal(TimeSpan.FromSeconds(11), result.Config.GetTimeSpan("pbm.api.request-timeout"));
        Assert.Equal("etc", result.Config.GetString("pbm.persistence.postgresql.schema"));
        Assert.Equal(16, result.Config.GetInt("pbm.api.overload-connections"));

        // One file carries both: akka.* follows the same order, the environment last.
        Assert.Equal("DEBUG", result.Config.GetString("akka.loglevel"));
        Assert.Equal(TimeSpan.FromSeconds(30), result.Config.GetTimeSpan("akka.coordinated-shutdown.phases.service-stop.timeout"));
        Assert.Equal([system, Path.Combine(home, "pbm.conf"), cli], result.Files);
    }

    [Theory]
    [InlineData("PBM__PBM__API__TCP__PORT", "pbm.api.tcp.port")]
    [InlineData("PBM__PBM__PROCESS_DEFAULTS__STOP__TIMEOUT", "pbm.process-defaults.stop.timeout")]
    [InlineData("PBM__PROCESSES__WEB__INSTANCES", "processes.web.instances")]
    [InlineData("PBM__A__B_C", "a.b-c")]
    public void Environment_variable_names_map_to_paths(string name, string path) =>
        Assert.Equal(path, EnvironmentOverrides.PathOf(name)!.ToString());

    [Theory]
    [InlineData("PBM_HOME")]
    [InlineData("PBM__")]
    [InlineData("PBM__A____B")]
    [InlineData("HOME")]
    public void Other_or_malformed_variables_map_to_no_path(string name) => Assert.Null(EnvironmentOverrides.PathOf(name));

    [Fact]
    public void Environment_values_convert_through_the_getters_and_arrays_parse()
    {
        var result = PbmConfigLoader.Load(new PbmConfigSources
        {
            SystemFile = null,
            PbmHome = _dir.Path,
            Environment = new Dictionary<string, string>
            {
                ["PBM__PBM__API__TCP__ENABLED"] = "on",
                ["PBM__PBM__PROCESS_DEFAULTS__STOP__TIMEOUT"] = "3s",
                ["PBM__PBM__PROCESS_DEFAULTS__SUCCESS_EXIT_CODES"] = "[0, 143]",
            },
        });

        Assert.True(result.Config.GetBoolean("pbm.api.tcp.enabled"));
        Assert.Equal(TimeSpan.FromSeconds(3), result.Config.GetTimeSpan("pbm.process-defaults.stop.timeout"));
        Assert.Equal([0, 143], result.Config.GetIntList("pbm.process-defaults.success-exit-codes"));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Home_defaults_to_dot_pbm_or_var_lib_pbm_for_root_and_PBM_HOME_wins()
    {
        Assert.Equal("/home/u/.pbm", new PbmConfigSources { UserHome = "/home/u" }.ResolveHome());
        Assert.Equal("/var/lib/pbm", new PbmConfigSources { UserHome = "/root", IsRoot = true }.ResolveHome());
        Assert.Equal("/opt/pbm", new PbmConfigSources { IsRoot = true, Environment = new Dictionary<string, string> { ["PBM_HOME"] = "/opt/pbm" } }.ResolveHome());
    }

    [Fact]
    public void Home_file_is_read_from_the_resolved_home()
    {
        _dir.Write("pbm.conf", "pbm.persistence.postgresql.schema = from_home");

        var result = PbmConfigLoader.Load(new PbmConfigSources
        {
            SystemFile = null,
            Environment = new Dictionary<string, string> { ["PBM_HOME"] = _dir.Path },
        });

        Assert.Equal("from_home", result.Config.GetString("pbm.persistence.postgresql.schema"));
        Assert.Equal(Path.Combine(_dir.Path, "pbm.db"), result.Config.GetString("pbm.persistence.sqlite.path"));
    }

    [Fact]
    public void Unknown_keys_under_pbm_are_warnings_with_file_line_and_a_suggestion()
    {
        var file = _dir.Write("app.conf", "pbm {\n  api {\n    tpc.port = 9000\n  }\n  process-defaults.env { ANY_NAME = x }\n}\nprocesses.web.command = [a]\nother.thing = 1\n");

        var result = PbmConfigLoader.Load(new PbmConfigSources { SystemFile = null, PbmHome = _dir.Path, ConfigFile = file });

        var warning = Assert.Single(result.Warnings);
        Assert.Equal("pbm.api.tpc", warning.Path);
        Assert.Equal(3, warning.Origin!.Line);
        Assert.Contains("app.conf:3", warning.ToString(), StringComparison.Ordinal);
        Assert.Contains("did you mean 'pbm.api.tcp'", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_config_file_is_an_error_naming_it()
    {
        var missing = Path.Combine(_dir.Path, "nope.conf");

        var e = Assert.Throws<ConfigurationException>(() => PbmConfigLoader.Load(new PbmConfigSources { SystemFile = null, PbmHome = _dir.Path, ConfigFile = missing }));

        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_can_extend_a_list_set_by_a_lower_source()
    {
        var file = _dir.Write("app.conf", "pbm.process-defaults.success-exit-codes += 143");

        var result = PbmConfigLoader.Load(new PbmConfigSources { SystemFile = null, PbmHome = _dir.Path, ConfigFile = file });

        Assert.Equal([0, 143], result.Config.GetIntList("pbm.process-defaults.success-exit-codes"));
    }
}
