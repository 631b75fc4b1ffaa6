using ProcessManager.Cli.Infrastructure;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Tests;

public sealed class OtherCommandTests
{
    [Fact]
    public async Task Hierarchy_draws_a_tree_with_types()
    {
        var runner = new PbmRunner(terminal: true);

        var exit = await runner.RunAsync("actor", "hierarchy", "-d", "3");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("hierarchy 3", runner.Client.Calls);
        Assert.Equal("user\n├── processes (ProcessSupervisor)\n│   └── web\n└── usb\n", runner.Console.Output);
    }

    [Fact]
    public async Task Tail_prints_plain_text_on_a_pipe_and_stream_marks_on_a_terminal()
    {
        var piped = new PbmRunner();
        var terminal = new PbmRunner(terminal: true);

        await piped.RunAsync("log", "tail", "web", "-n", "2");
        await terminal.RunAsync("log", "tail", "web");

        Assert.Contains("tail web 2", piped.Client.Calls);
        Assert.Equal("hello\noops\n", piped.Console.Output);
        Assert.Contains("err | oops", terminal.Console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Performance_stats_show_latency_percentiles()
    {
        var runner = new PbmRunner(terminal: true);

        await runner.RunAsync("stats", "performance");

        Assert.Contains("latency-p99   3.25 ms", runner.Console.Output, StringComparison.Ordinal);
        Assert.Contains("uptime        1h0m", runner.Console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Memory_stats_list_buffers()
    {
        var runner = new PbmRunner(terminal: true);

        await runner.RunAsync("stats", "memory");

        Assert.Contains("rss             50.0 MiB", runner.Console.Output, StringComparison.Ordinal);
        Assert.Contains("logs       web     10    1000", runner.Console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_custom_palette_is_found_on_the_daemon_and_invoked_with_parsed_arguments()
    {
        var runner = new PbmRunner();
        runner.Client.Palettes.Add(new PaletteInfo("greet", "Greetings",
            [new PaletteCommandInfo("hello", "Say hello", [new PaletteArgumentInfo("name", "who", true, false), new PaletteArgumentInfo("loud", "shout", false, true)])]));

        var exit = await runner.RunAsync("greet", "hello", "--name", "ada", "--loud", "extra");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal("ada", runner.Client.LastInvocation!.Arguments["name"]);
        Assert.Equal("true", runner.Client.LastInvocation.Arguments["loud"]);
        Assert.Equal(["extra"], runner.Client.LastInvocation.Positional);
        Assert.Equal("done\n", runner.Console.Output);
    }

    [Fact]
    public async Task A_custom_palette_command_without_its_required_argument_is_a_usage_error()
    {
        var runner = new PbmRunner();
        runner.Client.Palettes.Add(new PaletteInfo("greet", "Greetings",
            [new PaletteCommandInfo("hello", "Say hello", [new PaletteArgumentInfo("name", "who to greet", true, false)])]));

        var exit = await runner.RunAsync("greet", "hello");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("missing --name: who to greet", runner.Console.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_builtin_and_daemon_palettes()
    {
        var runner = new PbmRunner();
        runner.Client.Palettes.Add(new PaletteInfo("greet", "Greetings", []));

        var exit = await runner.RunAsync("help");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("  process ", runner.Console.Output, StringComparison.Ordinal);
        Assert.Contains("  greet      Greetings (from the daemon)", runner.Console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_help_shows_the_usage_line()
    {
        var runner = new PbmRunner();

        var exit = await runner.RunAsync("process", "start", "--help");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("usage: pbm process start NAME", runner.Console.Output, StringComparison.Ordinal);
        Assert.Empty(runner.Client.Calls);
    }

    [Fact]
    public async Task The_console_on_a_pipe_runs_each_line_and_stops_at_exit()
    {
        var runner = new PbmRunner(input: "process list\n\n# comment\nprocess stop web\nexit\nprocess list\n");
        runner.Client.Processes.Add(new ProcessStatus("web", "running", 1, 0, 1, 0, 0));

        var exit = await runner.RunAsync();

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal(["palettes", "list", "stop web"], runner.Client.Calls);
        Assert.StartsWith("web\tweb-0\trunning", runner.Console.Output, StringComparison.Ordinal);
        Assert.EndsWith("stopped web: stopped\n", runner.Console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_resolve_of_a_file_prints_it_resolved_without_a_daemon()
    {
        var runner = new PbmRunner();
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "a = 1\nb = ${a}\n", TestContext.Current.CancellationToken);

        var exit = await runner.RunAsync("config", "resolve", file, "--json");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Empty(runner.Client.Calls);
        Assert.Contains("\"b\"", runner.Console.Output, StringComparison.Ordinal);
        Assert.Contains("1", runner.Console.Output, StringComparison.Ordinal);
        File.Delete(file);
    }
}
