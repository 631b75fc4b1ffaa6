using ProcessManager.Actors.Processes.Configuration;
using ProcessManager.Actors.Processes.Execution;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Hocon;
using Xunit;

namespace ProcessManager.Actors.Tests.Processes.Pm2;

/// <summary>env-file: dotenv syntax, errors naming file:line, the size bound, and where a relative path points.</summary>
public sealed class EnvFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Dotenv_lines_comments_quotes_and_export_are_read()
    {
        var values = EnvFile.Parse(
            "# a comment\n\nexport GREETING=hello world   # trailing comment\nEMPTY=\nSINGLE='a # b $HOME'\r\nDOUBLE=\"line\\nnext \\\"q\\\"\"\n  SPACED = x\nURL=http://h/#frag\n",
            "app.env");

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["GREETING"] = "hello world",
                ["EMPTY"] = "",
                ["SINGLE"] = "a # b $HOME",
                ["DOUBLE"] = "line\nnext \"q\"",
                ["SPACED"] = "x",
                ["URL"] = "http://h/#frag",
            },
            values);
    }

    [Theory]
    [InlineData("A=1\nNOEQUALS\n", "app.env:2: expected KEY=VALUE")]
    [InlineData("1BAD=x", "app.env:1: '1BAD' is not a variable name")]
    [InlineData("A=1\nB=\"open", "app.env:2: unterminated double quote")]
    [InlineData("B='open", "app.env:1: unterminated single quote")]
    [InlineData("B='x' y", "app.env:1: unexpected text after the closing quote")]
    public void A_malformed_line_is_named_by_file_and_line(string text, string expected)
    {
        var error = Assert.Throws<EnvFileException>(() => EnvFile.Parse(text, "app.env"));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_or_too_large_file_is_refused_with_its_path()
    {
        var missing = Assert.Throws<EnvFileException>(() => EnvFile.Read(_dir.File("nope.env"), 1024));
        Assert.Equal($"{_dir.File("nope.env")}: no such file", missing.Message);

        File.WriteAllText(_dir.File("big.env"), "A=" + new string('x', 200));
        var big = Assert.Throws<EnvFileException>(() => EnvFile.Read(_dir.File("big.env"), 100));
        Assert.Contains("larger than env-file-max-size (100 bytes)", big.Message, StringComparison.Ordinal);
        Assert.Equal("x", EnvFile.Read(WriteFile("ok.env", "A=x"), 100)["A"]);
    }

    [Fact]
    public void A_relative_env_file_is_beside_the_file_that_names_it_and_may_not_leave_its_folder()
    {
        var file = _dir.File("apps.conf");
        var spec = Parse(file, "processes { web { command = [x], env-file = \".env\" } }");
        Assert.Equal(_dir.File(".env"), spec.EnvFile);

        var nested = Parse(file, "processes { web { command = [x], env-file = \"conf/./web.env\" } }");
        Assert.Equal(Path.Combine(_dir.Path, "conf", "web.env"), nested.EnvFile);

        var absolute = Parse(file, "processes { web { command = [x], env-file = /etc/web.env } }");
        Assert.Equal("/etc/web.env", absolute.EnvFile);

        var config = ConfigurationFactory.ParseString(
            "processes {\n  web {\n    command = [x]\n    env-file = \"../secrets.env\"\n  }\n}",
            HoconParseOptions.Default with { OriginDescription = file });
        var error = Assert.Throws<ProcessSpecException>(() => ProcessSpecParser.Parse(config.GetConfig("processes")));
        var invalid = Assert.Single(error.Errors);
        Assert.Equal("web.env-file", invalid.Field);
        Assert.Equal($"{file}:4", invalid.Origin);
        Assert.Contains("leads out of", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Declared_env_wins_over_the_file_and_the_file_over_inherit_env()
    {
        var path = WriteFile("web.env", "TZ=Asia/Tokyo\nFROM_FILE=1\nGREETING=file\n");
        var spec = new ProcessSpec
        {
            Name = "web",
            Argv = ["true"],
            EnvFile = path,
            InheritEnvironment = ["TZ"],
            Environment = new Dictionary<string, string> { ["GREETING"] = "declared" },
        };

        var environment = ProgramEnvironment.Build(spec, new System.Collections.Hashtable { ["TZ"] = "UTC" }, 0, ProgramEnvironment.ReadEnvFile(spec));

        Assert.Equal("Asia/Tokyo", environment["TZ"]);
        Assert.Equal("1", environment["FROM_FILE"]);
        Assert.Equal("declared", environment["GREETING"]);
    }

    [Fact]
    public void A_spec_with_another_env_file_is_a_changed_spec()
    {
        var spec = new ProcessSpec { Name = "web", Argv = ["true"], EnvFile = "/a.env" };
        Assert.NotEqual(spec, spec with { EnvFile = "/b.env" });
        Assert.NotEqual(spec, spec with { EnvFileMaxBytes = 1 });
        Assert.Contains(spec with { EnvFileMaxBytes = 0 } is var bad ? bad.Validate() : [], e => e.Field == "env-file-max-size");
    }

    public void Dispose() => _dir.Dispose();

    private string WriteFile(string name, string text)
    {
        File.WriteAllText(_dir.File(name), text);
        return _dir.File(name);
    }

    private static ProcessSpec Parse(string file, string text)
    {
        var config = ConfigurationFactory.ParseString(text, HoconParseOptions.Default with { OriginDescription = file });
        return Assert.Single(ProcessSpecParser.Parse(config.GetConfig("processes")));
    }
}
