using System.Text.Json;
using ProcessManager.Cli.Infrastructure;
using ProcessManager.Contracts.Client;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Tests.Plugins;

public sealed class PluginCommandTests
{
    private static PbmRunner Runner(bool terminal = false, string input = "")
    {
        var runner = new PbmRunner(terminal, input);
        runner.Client.Plugins.Add(new PluginSummary("thermal", "1.2.0", "/plugins/thermal", "running", 2, 2, 1, 0, 17, 3));
        runner.Client.PluginProblems.Add(new PluginProblem("/plugins/broken", ["/plugins/broken/plugin.conf:3: command: required"]));
        return runner;
    }

    [Fact]
    public async Task List_shows_the_plugins_in_a_table_and_the_skipped_manifests_with_their_errors()
    {
        var runner = Runner(terminal: true);

        Assert.Equal(ExitCodes.Ok, await runner.RunAsync("plugin", "list"));

        var lines = runner.Console.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("NAME", lines[0], StringComparison.Ordinal);
        Assert.Contains("thermal", lines[1], StringComparison.Ordinal);
        Assert.Contains("1.2.0", lines[1], StringComparison.Ordinal);
        Assert.Contains("17", lines[1], StringComparison.Ordinal);
        Assert.Contains("plugin.conf:3: command: required", runner.Console.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_json_is_the_api_object()
    {
        var runner = Runner();

        Assert.Equal(ExitCodes.Ok, await runner.RunAsync("plugin", "list", "--json"));

        var root = JsonDocument.Parse(runner.Console.Output).RootElement;
        Assert.Equal("thermal", root.GetProperty("plugins")[0].GetProperty("name").GetString());
        Assert.Equal(3, root.GetProperty("plugins")[0].GetProperty("failures").GetInt64());
        Assert.Equal("/plugins/broken", root.GetProperty("problems")[0].GetProperty("directory").GetString());
    }

    [Fact]
    public async Task Invoke_sends_the_json_read_from_stdin_and_prints_the_result()
    {
        var runner = Runner(input: """{"celsius": 41.5}""");

        Assert.Equal(ExitCodes.Ok, await runner.RunAsync("plugin", "invoke", "thermal", "--method", "check", "--json-input", "-"));

        Assert.Equal("check", runner.Client.LastPluginRequest!.Method);
        Assert.Equal(41.5, runner.Client.LastPluginRequest.Params!.Value.GetProperty("celsius").GetDouble());
        Assert.Equal(41.5, JsonDocument.Parse(runner.Console.Output).RootElement.GetProperty("celsius").GetDouble());
    }

    [Fact]
    public async Task Invoke_refuses_input_that_is_not_json_and_sends_nothing()
    {
        var runner = Runner(input: "{not json");

        var exit = await runner.RunAsync("plugin", "invoke", "thermal", "--json-input", "-");

        Assert.NotEqual(ExitCodes.Ok, exit);
        Assert.Contains("--json-input -: not JSON", runner.Console.Errors, StringComparison.Ordinal);
        Assert.Null(runner.Client.LastPluginRequest);
    }

    [Fact]
    public async Task An_unknown_plugin_exits_non_zero_with_the_daemons_error()
    {
        var runner = Runner();

        var exit = await runner.RunAsync("plugin", "describe", "ghost");

        Assert.NotEqual(ExitCodes.Ok, exit);
        Assert.Contains("no plugin 'ghost'", runner.Console.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describe_reload_and_history_show_what_the_daemon_answered()
    {
        var runner = Runner();

        Assert.Equal(ExitCodes.Ok, await runner.RunAsync("plugin", "describe", "thermal"));
        Assert.Contains("python3 worker.py", runner.Console.Output, StringComparison.Ordinal);
        Assert.Contains("4242", runner.Console.Output, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Ok, await runner.RunAsync("plugin", "reload", "thermal"));
        Assert.Contains("thermal 1.2.0 reloaded (generation 3)", runner.Console.Output, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Ok, await runner.RunAsync("plugin", "history", "thermal", "--json"));
        Assert.Contains("plugin history thermal", string.Join("\n", runner.Client.Calls), StringComparison.Ordinal);
    }
}
