using ProcessManager.Configuration;
using ProcessManager.Hocon;
using ProcessManager.Host.Observability;

namespace ProcessManager.Host.Tests.Observability;

public sealed class ObservabilitySettingsReaderTests
{
    private static Config Reference() => PbmConfigLoader.Load(new PbmConfigSources { SystemFile = null, PbmHome = "/srv/pbm" }).Config;

    [Fact]
    public void Reference_conf_documents_the_defaults_of_the_settings()
    {
        Assert.Equal(new ObservabilitySettings(), ObservabilitySettingsReader.Read(Reference()));
    }

    [Fact]
    public void Every_key_reaches_its_setting()
    {
        var config = ConfigurationFactory.ParseString("""
            pbm.observability {
              sample-interval = 5s, history = 10, max-programs = 7, stream-buffer = 3
              metrics { enabled = off, scrape-token-file = /etc/pbm/scrape.token }
              health { unauthenticated = off, timeout = 1s }
              otlp { enabled = on, endpoint = "http://collector:4318", protocol = "http/protobuf", interval = 10s }
              dashboard { enabled = off, max-sessions = 4, session-lifetime = 1h, login-code-lifetime = 30s, max-login-codes = 2 }
            }
            """).WithFallback(Reference());

        var settings = ObservabilitySettingsReader.Read(config);

        Assert.Equal(new ObservabilitySettings
        {
            SampleInterval = TimeSpan.FromSeconds(5),
            History = 10,
            MaxPrograms = 7,
            StreamBuffer = 3,
            MetricsEnabled = false,
            ScrapeTokenFile = "/etc/pbm/scrape.token",
            HealthUnauthenticated = false,
            HealthTimeout = TimeSpan.FromSeconds(1),
            OtlpEnabled = true,
            OtlpEndpoint = new Uri("http://collector:4318"),
            OtlpProtocol = "http/protobuf",
            OtlpInterval = TimeSpan.FromSeconds(10),
            DashboardEnabled = false,
            MaxSessions = 4,
            SessionLifetime = TimeSpan.FromHours(1),
            LoginCodeLifetime = TimeSpan.FromSeconds(30),
            MaxLoginCodes = 2,
        }, settings);
    }

    [Theory]
    [InlineData("history = 1", "pbm.observability.history")]
    [InlineData("otlp.protocol = udp", "pbm.observability.otlp.protocol")]
    [InlineData("otlp.endpoint = \"not a url\"", "pbm.observability.otlp.endpoint")]
    [InlineData("dashboard.max-sessions = 0", "pbm.observability.dashboard.max-sessions")]
    public void An_out_of_range_value_is_refused_naming_the_key(string setting, string key)
    {
        var config = ConfigurationFactory.ParseString("pbm.observability." + setting).WithFallback(Reference());

        var error = Assert.Throws<ConfigurationException>(() => ObservabilitySettingsReader.Read(config));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
