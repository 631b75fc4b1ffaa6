using ProcessManager.Configuration;

namespace ProcessManager.Host.Tests;

/// <summary>Describe over the API redacts env values and secret arguments unless the caller asks with show-secrets.</summary>
public sealed partial class ActorBackendApiTests
{
    [Fact]
    public async Task Describe_redacts_env_values_and_secret_arguments_unless_show_secrets_is_asked()
    {
        await using var daemon = await RealDaemon.StartAsync("""
            pbm.process-defaults.stop.timeout = 2s
            processes {
              vault {
                command = [sleep, "300", "--password=arg-s3cret"]
                autostart = false
                env { DB_PASSWORD = "env-s3cret", GREETING = hello }
              }
            }
            """);

        var redacted = await daemon.Client.DescribeProcessAsync("vault", Ct);
        var (status, raw) = await daemon.Client.SendRawAsync("GET", "/v1/processes/vault", null, Ct);
        var shown = await daemon.Client.DescribeProcessAsync("vault", showSecrets: true, Ct);

        Assert.Equal(200, status);
        Assert.DoesNotContain("s3cret", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("hello", raw, StringComparison.Ordinal);
        Assert.Equal(ConfigRedactor.Redacted, redacted.Details["env.DB_PASSWORD"]);
        Assert.Equal(ConfigRedactor.Redacted, redacted.Details["env.GREETING"]);
        Assert.Equal(["sleep", "300", "--password=" + ConfigRedactor.Redacted], redacted.Command);
        Assert.Equal("env-s3cret", shown.Details["env.DB_PASSWORD"]);
        Assert.Equal("hello", shown.Details["env.GREETING"]);
        Assert.Equal("--password=arg-s3cret", shown.Command[^1]);
    }
}
