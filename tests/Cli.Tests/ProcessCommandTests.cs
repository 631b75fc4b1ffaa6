using System.Text.Json;
using ProcessManager.Cli.Infrastructure;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Tests;

public sealed class ProcessCommandTests
{
    private static PbmRunner WithTwoProcesses(bool terminal)
    {
        var runner = new PbmRunner(terminal);
        runner.Client.Processes.Add(new ProcessStatus("web", "running", 4321, 2, 3725, 12.345, 1536 * 1024));
        runner.Client.Processes.Add(new ProcessStatus("api-server", "stopped", null, 0, null, null, null));
        return runner;
    }

    [Fact]
    public async Task List_on_a_terminal_is_an_aligned_table_sorted_by_name()
    {
        var runner = WithTwoProcesses(terminal: true);

        var exit = await runner.RunAsync("process", "list");

        Assert.Equal(ExitCodes.Ok, exit);
        var lines = runner.Console.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("NAME        INSTANCE      STATUS   PID   RESTARTS  UPTIME  CPU    MEMORY", lines[0]);
        Assert.Equal("api-server  api-server-0  stopped  -     0         -       -      -", lines[1]);
        Assert.Equal("web         web-0         running  4321  2         1h2m    12.3%  1.5 MiB", lines[2]);
    }

    [Fact]
    public async Task List_on_a_pipe_is_tab_separated_without_a_header()
    {
        var runner = WithTwoProcesses(terminal: false);

        await runner.RunAsync("process", "list");

        Assert.Equal("api-server\tapi-server-0\tstopped\t-\t0\t-\t-\t-\nweb\tweb-0\trunning\t4321\t2\t1h2m\t12.3%\t1.5 MiB\n", runner.Console.Output);
    }

    [Fact]
    public async Task List_json_has_stable_field_names()
    {
        var runner = WithTwoProcesses(terminal: true);

        await runner.RunAsync("process", "list", "--json");

        using var json = JsonDocument.Parse(runner.Console.Output);
        var web = json.RootElement.EnumerateArray().Single(e => e.GetProperty("name").GetString() == "web");
        Assert.Equal("running", web.GetProperty("status").GetString());
        Assert.Equal(4321, web.GetProperty("pid").GetInt32());
        Assert.Equal(2, web.GetProperty("restarts").GetInt32());
        Assert.Equal(1536 * 1024, web.GetProperty("memoryBytes").GetInt64());
    }

    [Fact]
    public async Task Start_with_a_command_after_double_dash_sends_the_argv_and_options()
    {
        var runner = new PbmRunner();

        var exit = await runner.RunAsync("process", "start", "web", "--env", "PORT=8080", "--restart", "on-failure", "--", "python3", "-m", "http.server", "--bind", "::");

        Assert.Equal(ExitCodes.Ok, exit);
        var request = runner.Client.LastStart!;
        Assert.Equal("web", request.Name);
        Assert.Equal(["python3", "-m", "http.server", "--bind", "::"], request.Command);
        Assert.Equal("8080", request.Environment!["PORT"]);
        Assert.Equal("on-failure", request.RestartPolicy);
        Assert.Equal("started web: running (pid 100)\n", runner.Console.Output);
    }

    [Fact]
    public async Task An_invalid_name_is_a_usage_error_before_anything_is_sent()
    {
        var runner = new PbmRunner();

        var exit = await runner.RunAsync("process", "stop", "../etc");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Empty(runner.Client.Calls);
        Assert.Contains("invalid process name '../etc'", runner.Console.Errors, StringComparison.Ordinal);
        Assert.Contains("usage: pbm process stop NAME", runner.Console.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_process_exits_1_with_the_daemons_advice_on_stderr()
    {
        var runner = new PbmRunner();

        var exit = await runner.RunAsync("process", "describe", "ghost");

        Assert.Equal(ExitCodes.Error, exit);
        Assert.Equal(string.Empty, runner.Console.Output);
        Assert.Contains("unknown process 'ghost'", runner.Console.Errors, StringComparison.Ordinal);
        Assert.Contains("pbm process list", runner.Console.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_sends_the_file_and_prints_the_diff()
    {
        var runner = new PbmRunner();
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "processes { web { command = [\"sleep\", \"1\"] } }", TestContext.Current.CancellationToken);

        var exit = await runner.RunAsync("process", "apply", file);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal(Path.GetFullPath(file), runner.Client.LastApply!.FileName);
        Assert.Contains("web", runner.Client.LastApply.Text, StringComparison.Ordinal);
        Assert.Equal("+ api\n~ web\n- old\n1 added, 1 changed, 1 removed, 2 unchanged\n", runner.Console.Output);
        File.Delete(file);
    }

    [Fact]
    public async Task Scale_needs_a_whole_number()
    {
        var runner = new PbmRunner();

        var exit = await runner.RunAsync("process", "scale", "web", "many");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("N must be a whole number", runner.Console.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_is_named()
    {
        var runner = new PbmRunner();

        var exit = await runner.RunAsync("process", "list", "--colour");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("unknown option '--colour'", runner.Console.Errors, StringComparison.Ordinal);
    }
}
