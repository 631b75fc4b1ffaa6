using System.Text.Json;

namespace ProcessManager.Configuration.Tests;

public sealed class ConfigResolveCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private PbmConfigSources Sources => new() { SystemFile = null, PbmHome = _dir.Path };

    [Fact]
    public void Without_a_file_prints_the_resolved_load_order_as_json()
    {
        _dir.Write("pbm.conf", "pbm.api.tcp.port = 9100");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = ConfigResolveCommand.Run(null, json: true, stdout, stderr, Sources);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.Equal(9100, json.RootElement.GetProperty("pbm").GetProperty("api").GetProperty("tcp").GetProperty("port").GetInt32());
        Assert.Equal(Path.Combine(_dir.Path, "pbm.db"), json.RootElement.GetProperty("pbm").GetProperty("persistence").GetProperty("sqlite").GetProperty("path").GetString());
        Assert.Equal(string.Empty, stderr.ToString());
    }

    [Fact]
    public void The_resolved_configuration_shows_akka_settings_beside_pbm_ones()
    {
        _dir.Write("pbm.conf", "akka.coordinated-shutdown.phases.service-stop.timeout = 2m\npbm.api.tcp.port = 9100");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = ConfigResolveCommand.Run(null, json: true, stdout, stderr, Sources);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout.ToString());
        var akka = json.RootElement.GetProperty("akka");
        Assert.Equal("2m", akka.GetProperty("coordinated-shutdown").GetProperty("phases").GetProperty("service-stop").GetProperty("timeout").GetString());
        Assert.Equal("INFO", akka.GetProperty("loglevel").GetString());
        Assert.Equal(9100, json.RootElement.GetProperty("pbm").GetProperty("api").GetProperty("tcp").GetProperty("port").GetInt32());
    }

    [Fact]
    public void With_a_file_prints_only_that_file_as_hocon_that_parses_back()
    {
        var file = _dir.Write("one.conf", "a = 1\nb = ${a} apples\nc { d = [x, y] }");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = ConfigResolveCommand.Run(file, json: false, stdout, stderr, Sources);

        Assert.Equal(0, code);
        var reparsed = Hocon.ConfigurationFactory.ParseString(stdout.ToString());
        Assert.Equal("1 apples", reparsed.GetString("b"));
        Assert.Equal(["x", "y"], reparsed.GetStringList("c.d"));
        Assert.False(reparsed.HasPath("pbm"));
    }

    [Fact]
    public void Invalid_file_returns_1_with_file_line_and_column_on_stderr()
    {
        var file = _dir.Write("bad.conf", "a = 1\nb = [1, 2\n");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = ConfigResolveCommand.Run(file, json: false, stdout, stderr, Sources);

        Assert.Equal(1, code);
        Assert.Contains("bad.conf:3:1", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("expected ']'", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout.ToString());
    }

    [Fact]
    public void Unresolvable_substitution_returns_1_naming_it()
    {
        var file = _dir.Write("sub.conf", "a = ${nowhere.to.be.found}");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = ConfigResolveCommand.Run(file, json: true, stdout, stderr, Sources);

        Assert.Equal(1, code);
        Assert.Contains("${nowhere.to.be.found}", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("sub.conf:1", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Warnings_go_to_stderr_and_do_not_fail()
    {
        _dir.Write("pbm.conf", "pbm.api.max-conections = 5");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = ConfigResolveCommand.Run(null, json: false, stdout, stderr, Sources);

        Assert.Equal(0, code);
        Assert.Contains("unknown setting 'pbm.api.max-conections'", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("pbm.conf:1", stderr.ToString(), StringComparison.Ordinal);
    }
}
