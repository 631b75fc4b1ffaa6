using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Tests.Security;

/// <summary>pbm prints secrets only with --show-secrets: config resolve locally, describe by asking the daemon.</summary>
public sealed class SecretFlagTests
{
    [Fact]
    public async Task Config_resolve_redacts_a_password_unless_show_secrets_is_given()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "db { password = \"pw-s3cret\", host = db.local }\n", TestContext.Current.CancellationToken);
            var redacted = new PbmRunner();
            var shown = new PbmRunner();

            Assert.Equal(ExitCodes.Ok, await redacted.RunAsync("config", "resolve", file));
            Assert.Equal(ExitCodes.Ok, await shown.RunAsync("config", "resolve", file, "--show-secrets"));

            Assert.DoesNotContain("pw-s3cret", redacted.Console.Output, StringComparison.Ordinal);
            Assert.Contains("db.local", redacted.Console.Output, StringComparison.Ordinal);
            Assert.Contains("pw-s3cret", shown.Console.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Describe_asks_the_daemon_for_secrets_only_with_show_secrets()
    {
        var plain = new PbmRunner();
        var secrets = new PbmRunner();
        plain.Client.Processes.Add(new("web", "running", 100, 0, 0, null, null));
        secrets.Client.Processes.Add(new("web", "running", 100, 0, 0, null, null));

        Assert.Equal(ExitCodes.Ok, await plain.RunAsync("process", "describe", "web"));
        Assert.Equal(ExitCodes.Ok, await secrets.RunAsync("process", "describe", "web", "--show-secrets"));

        Assert.Equal(["describe web"], plain.Client.Calls);
        Assert.Equal(["describe web --show-secrets"], secrets.Client.Calls);
    }
}
