using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Tests;

public sealed class TargetTests
{
    private static Func<string, string?> Env(Dictionary<string, string> values) => key => values.GetValueOrDefault(key);

    [Fact]
    public void The_default_target_is_the_socket_in_pbm_home()
    {
        var target = Target.Resolve(new GlobalOptions(null, null, null, null, false), Env(new() { ["PBM_HOME"] = "/tmp/h", ["HOME"] = "/tmp/u" }));

        Assert.Equal("unix:/tmp/h/pbm.sock", target.Endpoint.ToString());
        Assert.Null(target.Token);
    }

    [Fact]
    public void The_ca_file_comes_from_the_flag_or_the_context_and_must_exist()
    {
        var home = Directory.CreateTempSubdirectory("pbm-ctx-").FullName;
        var caFile = Path.Combine(home, "prod-ca.pem");
        File.WriteAllText(caFile, "-----BEGIN CERTIFICATE-----\n");
        File.WriteAllText(Path.Combine(home, "contexts"), "current = prod\n[prod]\nhost = https://10.0.0.5:7300\nca-file = ~/prod-ca.pem\n");
        var env = Env(new() { ["HOME"] = home, ["PBM_CONTEXTS"] = Path.Combine(home, "contexts") });

        var fromContext = Target.Resolve(new GlobalOptions(null, null, null, null, false), env);
        var fromFlag = Target.Resolve(new GlobalOptions("https://10.0.0.6:7300", null, null, null, false, CaFile: caFile), env);
        var missing = Assert.Throws<UsageException>(() => Target.Resolve(new GlobalOptions("https://10.0.0.6:7300", null, null, null, false, CaFile: caFile + ".nope"), env));

        Assert.Equal(caFile, fromContext.CaFile);
        Assert.Equal(caFile, fromFlag.CaFile);
        Assert.Contains(".nope does not exist", missing.Message, StringComparison.Ordinal);
        Directory.Delete(home, recursive: true);
    }

    [Fact]
    public void Host_flag_beats_environment_and_context()
    {
        var home = Directory.CreateTempSubdirectory("pbm-ctx-").FullName;
        File.WriteAllText(Path.Combine(home, "contexts"), "current = prod\n[prod]\nhost = 10.0.0.5:7878\ntoken = abc\n");
        var env = Env(new() { ["HOME"] = home, ["PBM_CONTEXTS"] = Path.Combine(home, "contexts"), ["PBM_HOST"] = "10.0.0.9:1" });

        var fromFlag = Target.Resolve(new GlobalOptions("unix:/x.sock", null, null, null, false), env);
        var fromEnv = Target.Resolve(new GlobalOptions(null, null, null, null, false), env);
        var fromContext = Target.Resolve(new GlobalOptions(null, null, null, "prod", false), env);

        Assert.Equal("unix:/x.sock", fromFlag.Endpoint.ToString());
        Assert.Equal("10.0.0.9:1", fromEnv.Endpoint.ToString());
        Assert.Equal("10.0.0.5:7878", fromContext.Endpoint.ToString());
        Assert.Equal("abc", fromContext.Token);
    }

    [Fact]
    public void The_current_context_applies_without_flags()
    {
        var home = Directory.CreateTempSubdirectory("pbm-ctx-").FullName;
        var file = Path.Combine(home, "contexts");
        var tokenFile = Path.Combine(home, "prod.token");
        File.WriteAllText(tokenFile, "secret\n");
        File.WriteAllText(file, $"current = prod\n[prod]\nhost = https://db1:7878\ntoken-file = {tokenFile}\n");

        var target = Target.Resolve(new GlobalOptions(null, null, null, null, false), Env(new() { ["HOME"] = home, ["PBM_CONTEXTS"] = file }));

        Assert.True(target.Endpoint.UseTls);
        Assert.Equal("secret", target.Token);
        Assert.Equal("context prod", target.Source);
    }

    [Fact]
    public void A_malformed_contexts_file_names_file_and_line()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "[prod]\nhost = a:1\nport 7878\n");

        var error = Assert.Throws<UsageException>(() => PbmContexts.Load(file));

        Assert.StartsWith($"{file}:3:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_context_is_named()
    {
        var error = Assert.Throws<UsageException>(() =>
            Target.Resolve(new GlobalOptions(null, null, null, "nope", false), Env(new() { ["HOME"] = "/nonexistent", ["PBM_CONTEXTS"] = "/nonexistent/contexts" })));

        Assert.Contains("no context named 'nope'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unix:/run/pbm.sock", true, "/run/pbm.sock", null, 0)]
    [InlineData("localhost:7878", false, null, "localhost", 7878)]
    [InlineData("http://[::1]:80", false, null, "::1", 80)]
    public void Endpoints_parse(string text, bool unix, string? path, string? host, int port)
    {
        Assert.True(Contracts.Client.PbmEndpoint.TryParse(text, out var endpoint, out _));
        Assert.Equal(unix, endpoint.IsUnixSocket);
        Assert.Equal(path, endpoint.SocketPath);
        Assert.Equal(host, endpoint.Host);
        Assert.Equal(port, endpoint.Port);
    }

    [Theory]
    [InlineData("")]
    [InlineData("unix:")]
    [InlineData("host")]
    [InlineData("host:99999")]
    public void Bad_endpoints_are_explained(string text)
    {
        Assert.False(Contracts.Client.PbmEndpoint.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
