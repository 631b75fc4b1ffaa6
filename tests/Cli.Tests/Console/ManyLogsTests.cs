using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Tests.Console;

public sealed class ManyLogsTests
{
    [Fact]
    public async Task Tail_without_a_name_tails_every_process_and_prefixes_each_line_with_its_instance()
    {
        var runner = new PbmRunner();

        var exit = await runner.RunAsync("log", "tail", "-n", "5");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal(["tail-many [] 5"], runner.Client.Calls);
        Assert.Equal("web-0 | from web\ndb-0 | from db\n", runner.Console.Output);
    }

    [Fact]
    public async Task Tail_of_one_name_keeps_the_plain_single_process_output()
    {
        var runner = new PbmRunner();

        await runner.RunAsync("log", "tail", "web");

        Assert.Equal(["tail web 50"], runner.Client.Calls);
        Assert.Equal("hello\noops\n", runner.Console.Output);
    }

    [Fact]
    public async Task Follow_of_several_names_and_globs_is_one_stream_with_prefixed_lines_until_ctrl_c()
    {
        var runner = new PbmRunner();
        using var ctrlC = new CancellationTokenSource();
        var run = runner.RunAsync(ctrlC.Token, "log", "follow", "web", "worker-*");
        while (!runner.Console.Output.Contains("working", StringComparison.Ordinal))
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        await ctrlC.CancelAsync();

        Assert.Equal(ExitCodes.Ok, await run);
        Assert.Equal(["follow-many [web worker-*]"], runner.Client.Calls);
        Assert.Equal("worker-1 | working\n", runner.Console.Output);
    }
}
