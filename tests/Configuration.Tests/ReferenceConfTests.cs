using ProcessManager.Hocon;

namespace ProcessManager.Configuration.Tests;

public sealed class ReferenceConfTests
{
    private static Config Loaded(string home) =>
        PbmConfigLoader.Load(new PbmConfigSources { SystemFile = null, PbmHome = home }).Config;

    [Fact]
    public void Reference_conf_is_embedded_and_resolves_with_typed_defaults()
    {
        var config = Loaded("/srv/pbm");

        Assert.Equal("/srv/pbm", config.GetString("pbm.home"));
        Assert.Equal("/srv/pbm/pbm.db", config.GetString("pbm.persistence.sqlite.path"));
        Assert.Equal("sqlite", config.GetString("pbm.persistence.provider"));
        Assert.Equal(30, config.GetInt("akka.actor.default-dispatcher.throughput"));
        Assert.Equal(TimeSpan.FromSeconds(30), config.GetTimeSpan("akka.coordinated-shutdown.phases.service-stop.timeout"));
        Assert.Equal(TimeSpan.FromMilliseconds(2), config.GetTimeSpan("pbm.persistence.group-commit.max-delay"));
        Assert.Equal(10L * 1024 * 1024, config.GetByteSize("pbm.process-defaults.logs.max-size"));
        Assert.Equal([0], config.GetIntList("pbm.process-defaults.success-exit-codes"));
        Assert.False(config.GetBoolean("pbm.api.tcp.enabled"));
        Assert.True(config.GetBoolean("pbm.api.unix-socket.enabled"));
        Assert.Equal("0600", config.GetString("pbm.api.unix-socket.mode"));
        Assert.Equal(0.2, config.GetDouble("pbm.process-defaults.backoff.random-factor"));
        Assert.True(config.GetConfig("processes").IsEmpty);
    }

    [Fact]
    public void Every_setting_in_reference_conf_has_a_comment_above_it()
    {
        var lines = PbmReference.ConfText.Split('\n');
        var undocumented = new List<string>();
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var isSetting = line.Length > 0 && !line.StartsWith('#') && !line.StartsWith('}') && line.Contains('=', StringComparison.Ordinal) && !line.EndsWith('{');
            if (!isSetting)
            {
                continue;
            }

            // A setting is documented by the comment block just above it (possibly above a group of related lines).
            var j = i - 1;
            while (j > 0 && lines[j].Trim().Length > 0 && !lines[j].Trim().StartsWith('#') && !lines[j].Trim().EndsWith('{'))
            {
                j--;
            }

            if (!lines[j].Trim().StartsWith('#'))
            {
                undocumented.Add($"line {i + 1}: {line}");
            }
        }

        Assert.True(undocumented.Count == 0, "settings without a comment:\n" + string.Join('\n', undocumented));
    }

    [Fact]
    public void Reference_conf_parses_on_its_own_without_a_loader()
    {
        var config = ConfigurationFactory.ParseString(
            PbmReference.ConfText,
            new HoconParseOptions { ResolveOptions = new HoconResolveOptions { Environment = new Dictionary<string, string> { ["HOME"] = "/home/u" } } });

        Assert.Equal("/home/u/.pbm/pbm.sock", config.GetString("pbm.api.unix-socket.path"));
    }

    [Fact]
    public void Example_pbm_conf_loads_with_its_include_and_no_warnings()
    {
        var example = Path.Combine(RepoRoot(), "hocon", "examples", "pbm.conf");

        var result = PbmConfigLoader.Load(new PbmConfigSources { SystemFile = null, PbmHome = "/srv/pbm", ConfigFile = example });

        Assert.Empty(result.Warnings);
        Assert.Equal(["web", "worker", "nightly"], result.Config.GetObjectKeys("processes"));
        Assert.Equal(["dotnet", "run", "--project", "src/Web"], result.Config.GetStringList("processes.web.command"));
        Assert.Equal(512L * 1024 * 1024, result.Config.GetByteSize("processes.worker.memory-limit"));
        Assert.Equal("/srv/pbm/api-token", result.Config.GetString("pbm.api.tcp.token-file"));
        Assert.Equal(TimeSpan.FromMinutes(1), result.Config.GetTimeSpan("pbm.process-defaults.backoff.max"));
        Assert.True(result.Config.GetBoolean("processes.nightly.shell"));
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "hocon", "reference.conf")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("repository root (with hocon/reference.conf) not found above " + AppContext.BaseDirectory);
    }
}
