using System.Text.Json;
using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Tests.Pm2;

/// <summary><c>pbm process describe NAME [--lines N]</c>: how it last exited and its last output lines, in the table and in --json.</summary>
public sealed class DescribeLastExitTests
{
    [Fact]
    public async Task The_table_shows_the_last_exit_and_ten_lines_by_default()
    {
        var runner = new PbmRunner();
        runner.Client.Processes.Add(new Contracts.Dtos.ProcessStatus("web", "running", 10, 0, 0, null, null));

        Assert.Equal(ExitCodes.Ok, await runner.RunAsync("process", "describe", "web"));

        Assert.Equal(10, runner.Client.LastDescribeLines);
        Assert.Contains("last exit web-0", runner.Console.Output, StringComparison.Ordinal);
        Assert.Contains("memory-limit: rss 900 bytes", runner.Console.Output, StringComparison.Ordinal);
        Assert.Contains("last 10 lines:\nweb-0 | line-1\n", runner.Console.Output, StringComparison.Ordinal);
        Assert.EndsWith("web-0 | line-10\n", runner.Console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lines_is_sent_and_json_carries_last_exit_and_last_lines()
    {
        var runner = new PbmRunner();
        runner.Client.Processes.Add(new Contracts.Dtos.ProcessStatus("web", "running", 10, 0, 0, null, null));

        Assert.Equal(ExitCodes.Ok, await runner.RunAsync("process", "describe", "web", "--lines", "2", "--json"));

        Assert.Equal(2, runner.Client.LastDescribeLines);
        using var json = JsonDocument.Parse(runner.Console.Output);
        Assert.StartsWith("killed by SIGKILL", json.RootElement.GetProperty("lastExit").GetProperty("web-0").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, json.RootElement.GetProperty("lastLines").GetArrayLength());
        Assert.Equal(ExitCodes.Usage, await new PbmRunner().RunAsync("process", "describe", "web", "--lines", "5000"));
    }
}
