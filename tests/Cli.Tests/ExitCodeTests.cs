using ProcessManager.Cli.Infrastructure;
using ProcessManager.Contracts.Client;

namespace ProcessManager.Cli.Tests;

public sealed class ExitCodeTests
{
    [Fact]
    public async Task No_daemon_exits_3_and_says_how_to_start_one()
    {
        var runner = new PbmRunner();
        runner.Client.Failure = new DaemonUnreachableException(PbmEndpoint.Unix("/tmp/none.sock"), new IOException("No such file or directory"));

        var exit = await runner.RunAsync("process", "list");

        Assert.Equal(ExitCodes.NoDaemon, exit);
        Assert.Contains("pbm daemon start", runner.Console.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unauthorized_exits_4()
    {
        var runner = new PbmRunner();
        runner.Client.Failure = new PbmApiException(401, "unauthorized", "the token is not valid");

        var exit = await runner.RunAsync("--host", "10.0.0.1:7878", "--token", "x", "process", "list");

        Assert.Equal(ExitCodes.Auth, exit);
        Assert.Contains("the token is not valid", runner.Console.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error()
    {
        var runner = new PbmRunner();

        var exit = await runner.RunAsync("process", "explode");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("'process' has no command 'explode'", runner.Console.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_command_exits_130()
    {
        var runner = new PbmRunner();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        runner.Client.Failure = new OperationCanceledException(cancelled.Token);

        var exit = await runner.RunAsync(cancelled.Token, "process", "list");

        Assert.Equal(ExitCodes.Cancelled, exit);
    }

    [Fact]
    public async Task Follow_ends_cleanly_with_0_on_ctrl_c()
    {
        var runner = new PbmRunner();
        using var ctrlC = new CancellationTokenSource();

        var run = runner.RunAsync(ctrlC.Token, "log", "follow", "web");
        Assert.Equal("first\n", runner.Console.Output);
        await ctrlC.CancelAsync();

        Assert.Equal(ExitCodes.Ok, await run);
        Assert.DoesNotContain("Exception", runner.Console.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_prints_pbms_version_without_asking_the_daemon()
    {
        var runner = new PbmRunner();

        var exit = await runner.RunAsync("--version");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Matches(@"^pbm [0-9]+\.[0-9]+\.[0-9]+.*\n$", runner.Console.Output);
        Assert.Empty(runner.Client.Calls);
    }
}
