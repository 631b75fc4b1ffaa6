using ProcessManager.Hocon;
using ProcessManager.Host.Api;

namespace ProcessManager.Host.Tests;

public sealed class ApiSettingsReaderTests
{
    [Fact]
    public void Every_pbm_api_key_is_read()
    {
        var config = ConfigurationFactory.ParseString("""
            pbm.api {
              unix-socket { path = "/tmp/x.sock", mode = "0660" }
              tcp { enabled = true, bind = "0.0.0.0", port = 9000, token-file = "/tmp/t", tls { certificate = "/c.pem", key = "/k.pem", password = "pw" }, max-connections = 7, overload-connections = 3 }
              header-timeout = 2s
              heartbeat-interval = 30s
              rejected-log-interval = 10s
              max-connections = 10
              overload-connections = 4
              request-timeout = 1500ms
              command-timeout = 2m
              max-request-size = 2MiB
              max-concurrent-streams = 3
            }
            """);

        var settings = ApiSettingsReader.Read(config);

        Assert.Equal("/tmp/x.sock", settings.UnixSocketPath);
        Assert.Equal((UnixFileMode)0b110_110_000, settings.UnixSocketMode);
        Assert.True(settings.TcpEnabled);
        Assert.Equal("0.0.0.0", settings.TcpBind);
        Assert.Equal(9000, settings.TcpPort);
        Assert.Equal("/tmp/t", settings.TokenFile);
        Assert.Equal("/c.pem", settings.TlsCertificate);
        Assert.Equal("/k.pem", settings.TlsKey);
        Assert.Equal("pw", settings.TlsPassword);
        Assert.Equal(10, settings.MaxConnections);
        Assert.Equal(4, settings.OverloadConnections);
        Assert.Equal(7, settings.TcpMaxConnections);
        Assert.Equal(3, settings.TcpOverloadConnections);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.HeaderTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.RejectedLogInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), settings.RequestTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), settings.CommandTimeout);
        Assert.Equal(2 * 1024 * 1024, settings.MaxRequestSize);
        Assert.Equal(3, settings.MaxConcurrentStreams);
    }

    [Fact]
    public void Missing_keys_keep_the_defaults_with_tcp_off()
    {
        var settings = ApiSettingsReader.Read(ConfigurationFactory.ParseString("pbm.api.max-connections = 5"));

        Assert.False(settings.TcpEnabled);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, settings.UnixSocketMode);
        Assert.Equal(5, settings.MaxConnections);
    }

    [Fact]
    public void A_bad_mode_names_the_key()
    {
        var error = Assert.Throws<ConfigurationException>(() => ApiSettingsReader.Read(ConfigurationFactory.ParseString("pbm.api.unix-socket.mode = \"rw-------\"")));

        Assert.Contains("pbm.api.unix-socket.mode", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_out_of_range_limit_names_the_key()
    {
        var error = Assert.Throws<ConfigurationException>(() => ApiSettingsReader.Read(ConfigurationFactory.ParseString("pbm.api.max-concurrent-streams = 0")));

        Assert.Contains("pbm.api.max-concurrent-streams", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("500ms")]
    [InlineData("2m")]
    public void A_heartbeat_interval_outside_1s_to_1m_names_the_key(string interval)
    {
        var error = Assert.Throws<ConfigurationException>(() => ApiSettingsReader.Read(ConfigurationFactory.ParseString("pbm.api.heartbeat-interval = " + interval)));

        Assert.Contains("pbm.api.heartbeat-interval", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_positive_request_timeout_names_the_key()
    {
        var error = Assert.Throws<ConfigurationException>(() => ApiSettingsReader.Read(ConfigurationFactory.ParseString("pbm.api.request-timeout = 0s")));

        Assert.Contains("pbm.api.request-timeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tls_key_without_a_certificate_names_the_key()
    {
        var error = Assert.Throws<ConfigurationException>(() => ApiSettingsReader.Read(ConfigurationFactory.ParseString("pbm.api.tcp.tls.key = \"/k.pem\"")));

        Assert.Contains("pbm.api.tcp.tls.certificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tcp_bind_that_is_not_an_address_names_the_key()
    {
        var error = Assert.Throws<ConfigurationException>(() => ApiSettingsReader.Read(ConfigurationFactory.ParseString("pbm.api.tcp.bind = \"my-host\"")));

        Assert.Contains("pbm.api.tcp.bind", error.Message, StringComparison.Ordinal);
        Assert.Contains("my-host", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Turning_the_socket_off_without_tcp_is_refused()
    {
        var error = Assert.Throws<ConfigurationException>(() => ApiSettingsReader.Read(ConfigurationFactory.ParseString("pbm.api.unix-socket.enabled = off")));

        Assert.Contains("pbm.api.tcp.enabled", error.Message, StringComparison.Ordinal);
        Assert.False(ApiSettingsReader.Read(ConfigurationFactory.ParseString("pbm.api { unix-socket.enabled = off, tcp.enabled = on }")).UnixSocketEnabled);
    }
}
