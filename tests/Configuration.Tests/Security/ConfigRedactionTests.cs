using System.Text.Json;

namespace ProcessManager.Configuration.Tests.Security;

/// <summary>`pbm config resolve` prints no secret unless asked with --show-secrets.</summary>
public sealed class ConfigRedactionTests : IDisposable
{
    private const string Config = """
        pbm.persistence.postgresql.connection-string = "Host=db;Password=pg-s3cret"
        pbm.api.tcp.tls.password = "tls-s3cret"
        pbm.api.tcp.token-file = "/etc/pbm/api.token"
        pbm.process-defaults.env { SHARED = "defaults-s3cret" }
        processes {
          web {
            command = [server, "--port", "80"]
            env { DB_PASSWORD = "app-s3cret", GREETING = hello }
          }
        }
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private PbmConfigSources Sources => new() { SystemFile = null, PbmHome = _dir.Path };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Resolve_redacts_env_values_passwords_and_connection_strings_by_default(bool json)
    {
        _dir.Write("pbm.conf", Config);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = ConfigResolveCommand.Run(null, json, stdout, stderr, Sources);

        Assert.Equal(0, code);
        var text = stdout.ToString();
        Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hello", text, StringComparison.Ordinal);
        Assert.Contains(ConfigRedactor.Redacted, text, StringComparison.Ordinal);

        // What is not a secret is still there: a token file's path, the command, the names of the variables.
        Assert.Contains("/etc/pbm/api.token", text, StringComparison.Ordinal);
        Assert.Contains("DB_PASSWORD", text, StringComparison.Ordinal);
        Assert.Contains("--port", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_secrets_prints_them_as_they_are()
    {
        _dir.Write("pbm.conf", Config);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = ConfigResolveCommand.Run(null, json: true, stdout, stderr, Sources, showSecrets: true);

        Assert.Equal(0, code);
        using var document = JsonDocument.Parse(stdout.ToString());
        var root = document.RootElement;
        Assert.Equal("app-s3cret", root.GetProperty("processes").GetProperty("web").GetProperty("env").GetProperty("DB_PASSWORD").GetString());
        Assert.Equal("Host=db;Password=pg-s3cret", root.GetProperty("pbm").GetProperty("persistence").GetProperty("postgresql").GetProperty("connection-string").GetString());
    }

    [Theory]
    [InlineData("password", true)]
    [InlineData("connection-string", true)]
    [InlineData("api-token", true)]
    [InlineData("token-file", false)]
    [InlineData("port", false)]
    public void Secret_setting_names(string key, bool secret) => Assert.Equal(secret, ConfigRedactor.IsSecretKey(key));
}
