using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Tests;

public sealed class ContextCommandTests
{
    private static string ContextsFile(PbmRunner runner) => Path.Combine(runner.Home, ".pbm", "contexts");

    [Fact]
    public async Task Set_use_list_current_and_delete_work_without_a_daemon()
    {
        var runner = new PbmRunner();
        var tokenFile = Path.Combine(runner.Home, "prod.token");
        Directory.CreateDirectory(runner.Home);
        await File.WriteAllTextAsync(tokenFile, "s3cret\n", TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Ok, await runner.RunAsync("context", "set", "prod", "--host", "10.0.0.5:7878", "--token-file", tokenFile));
        Assert.Equal(ExitCodes.Ok, await runner.RunAsync("context", "set", "local", "--host", "unix:/run/pbm.sock"));
        Assert.Equal(ExitCodes.Error, await runner.RunAsync("context", "current"));
        Assert.Equal(ExitCodes.Ok, await runner.RunAsync("context", "use", "prod"));
        Assert.Equal(ExitCodes.Ok, await runner.RunAsync("context", "current"));
        Assert.Equal(ExitCodes.Ok, await runner.RunAsync("context", "list"));

        Assert.Empty(runner.Client.Calls);
        Assert.EndsWith("prod\n\tlocal\tunix:/run/pbm.sock\t-\n*\tprod\t10.0.0.5:7878\tfile " + tokenFile + "\n", runner.Console.Output, StringComparison.Ordinal);
        var target = Target.Resolve(new GlobalOptions(null, null, null, null, false), key => key == "HOME" ? runner.Home : null);
        Assert.Equal("10.0.0.5:7878", target.Endpoint.ToString());
        Assert.Equal("s3cret", target.Token);
        Assert.DoesNotContain("s3cret", await File.ReadAllTextAsync(ContextsFile(runner), TestContext.Current.CancellationToken), StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Ok, await runner.RunAsync("context", "delete", "prod"));
        var after = PbmContexts.Load(ContextsFile(runner));
        Assert.Null(after.Current);
        Assert.Equal(["local"], after.Contexts.Keys);
        Assert.Contains("it was the current context", runner.Console.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_contexts_file_is_private_even_when_it_existed_with_wider_permissions()
    {
        var runner = new PbmRunner();
        Directory.CreateDirectory(Path.Combine(runner.Home, ".pbm"));
        await File.WriteAllTextAsync(ContextsFile(runner), "[old]\nhost = a:1\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(ContextsFile(runner), (UnixFileMode)0b110_100_100);

        Assert.Equal(ExitCodes.Ok, await runner.RunAsync("context", "set", "ci", "--host", "b:2", "--token", "literal-token", "--use"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ContextsFile(runner)));
        var contexts = PbmContexts.Load(ContextsFile(runner));
        Assert.Equal("ci", contexts.Current);
        Assert.Equal("literal-token", contexts.Contexts["ci"].Token);
        Assert.Equal("a:1", contexts.Contexts["old"].Host);
        Assert.Contains("plain text", runner.Console.Errors, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(runner.Home, ".pbm"), "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Set_stores_a_ca_file_as_an_absolute_path_and_the_target_uses_it()
    {
        var runner = new PbmRunner();
        Directory.CreateDirectory(runner.Home);
        var caFile = Path.Combine(runner.Home, "prod-ca.pem");
        await File.WriteAllTextAsync(caFile, "-----BEGIN CERTIFICATE-----\n", TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Ok, await runner.RunAsync("context", "set", "prod", "--host", "https://10.0.0.5:7300", "--ca-file", caFile, "--use"));
        Assert.Equal(ExitCodes.Ok, await runner.RunAsync("context", "set", "prod", "--token", "t"));

        Assert.Equal(caFile, PbmContexts.Load(ContextsFile(runner)).Contexts["prod"].CaFile);
        var target = Target.Resolve(new GlobalOptions(null, null, null, null, false), key => key == "HOME" ? runner.Home : null);
        Assert.Equal(caFile, target.CaFile);
    }

    [Fact]
    public async Task Set_on_an_existing_context_keeps_what_is_not_given()
    {
        var runner = new PbmRunner();
        await runner.RunAsync("context", "set", "prod", "--host", "a:1", "--token-file", "~/prod.token");

        Assert.Equal(ExitCodes.Ok, await runner.RunAsync("context", "set", "prod", "--host", "b:2"));

        var prod = PbmContexts.Load(ContextsFile(runner)).Contexts["prod"];
        Assert.Equal("b:2", prod.Host);
        Assert.Equal("~/prod.token", prod.TokenFile);
    }

    [Fact]
    public async Task List_json_never_shows_a_token()
    {
        var runner = new PbmRunner();
        await runner.RunAsync("context", "set", "ci", "--host", "b:2", "--token", "literal-token", "--use");

        Assert.Equal(ExitCodes.Ok, await runner.RunAsync("context", "list", "--json"));

        Assert.Contains("\"hasInlineToken\": true", runner.Console.Output, StringComparison.Ordinal);
        Assert.Contains("\"current\": true", runner.Console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("literal-token", runner.Console.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "context", "set", "new" }, "needs --host")]
    [InlineData(new[] { "context", "set", "bad name", "--host", "a:1" }, "letters, digits")]
    [InlineData(new[] { "context", "set", "x", "--host", "a:1", "--token", "t", "--token-file", "f" }, "not both")]
    [InlineData(new[] { "context", "set", "x", "--host", "ftp://a" }, "")]
    [InlineData(new[] { "context", "use", "nope" }, "no context named 'nope'")]
    [InlineData(new[] { "context", "delete", "nope" }, "no context named 'nope'")]
    public async Task Bad_context_commands_are_usage_errors_that_change_nothing(string[] args, string message)
    {
        var runner = new PbmRunner();

        var exit = await runner.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(message, runner.Console.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(ContextsFile(runner)));
    }
}
