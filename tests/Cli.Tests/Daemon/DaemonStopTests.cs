namespace ProcessManager.Cli.Tests.Daemon;

public sealed class DaemonStopTests
{
    [Fact]
    public async Task Stopping_another_node_says_it_is_stopping_without_watching_a_local_pid()
    {
        var runner = new PbmRunner();

        var exit = await runner.RunAsync("--node", "n2", "daemon", "stop");

        Assert.Equal(0, exit);
        Assert.Contains("stop-daemon", runner.Client.Calls);
        Assert.Equal("pbmd (pid 1234) is stopping\n", runner.Console.Output);
    }
}
