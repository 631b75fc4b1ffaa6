using ProcessManager.Cli.Commands.Process;
using ProcessManager.Cli.Infrastructure;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Tests;

public sealed class EventsCommandTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static async Task<(int Exit, PbmRunner Runner)> RunUntilDrainedAsync(PbmRunner runner, params string[] args)
    {
        using var ctrlC = new CancellationTokenSource();
        var run = runner.RunAsync(ctrlC.Token, args);
        await runner.Client.EventsDrained.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await ctrlC.CancelAsync();
        return (await run, runner);
    }

    private static PbmRunner WithEvents()
    {
        var runner = new PbmRunner(terminal: true);
        runner.Client.Events.AddRange(
        [
            new ProcessEvent(At, "web-0", "starting", null, "start requested"),
            new ProcessEvent(At.AddSeconds(1), "web-0", "running", 4242, null),
            new ProcessEvent(At.AddSeconds(2), "worker-0", "running", 77, null),
            new ProcessEvent(At.AddSeconds(3), "web-0", "exited", null, "exit code 3"),
            new ProcessEvent(At.AddSeconds(4), "webby-0", "running", 5, null),
        ]);
        return runner;
    }

    [Fact]
    public async Task Events_print_one_line_per_change_with_the_previous_state_and_end_with_0_on_ctrl_c()
    {
        var (exit, runner) = await RunUntilDrainedAsync(WithEvents(), "process", "events");

        Assert.Equal(ExitCodes.Ok, exit);
        var lines = runner.Console.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.Equal("2026-11-22 12:00:00  web-0                - → starting               -          start requested", lines[0]);
        Assert.Equal("2026-11-22 12:00:01  web-0                starting → running         pid 4242", lines[1]);
        Assert.Contains("running → exited", lines[3], StringComparison.Ordinal);
        Assert.EndsWith("exit code 3", lines[3], StringComparison.Ordinal);
        Assert.Equal(string.Empty, runner.Console.Errors);
    }

    [Fact]
    public async Task The_previous_state_sent_by_the_daemon_is_shown_from_the_first_event()
    {
        var runner = new PbmRunner(terminal: true);
        runner.Client.Events.Add(new ProcessEvent(At, "web-0", "starting", null, "start requested", Previous: "backing-off"));

        var (exit, _) = await RunUntilDrainedAsync(runner, "process", "events");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("backing-off → starting", runner.Console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_keeps_only_that_apps_instances()
    {
        var (exit, runner) = await RunUntilDrainedAsync(WithEvents(), "process", "events", "web");

        Assert.Equal(ExitCodes.Ok, exit);
        var lines = runner.Console.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.All(lines, line => Assert.Contains(" web-0 ", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Json_prints_the_api_event_objects_one_per_line()
    {
        var (exit, runner) = await RunUntilDrainedAsync(WithEvents(), "process", "events", "worker", "--json");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal(
            """{"timestamp":"2026-11-22T12:00:02+00:00","process":"worker-0","status":"running","pid":77,"detail":null,"previous":null}""" + "\n",
            runner.Console.Output);
    }

    [Fact]
    public async Task A_bad_name_is_a_usage_error_before_anything_is_sent()
    {
        var runner = new PbmRunner();

        var exit = await runner.RunAsync("process", "events", "../x");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.DoesNotContain("events", runner.Client.Calls);
    }

    [Theory]
    [InlineData("web-0", "web", true)]
    [InlineData("web-12", "web", true)]
    [InlineData("web", "web", true)]
    [InlineData("web-0", "web-0", true)]
    [InlineData("webby-0", "web", false)]
    [InlineData("web-x", "web", false)]
    [InlineData("web-", "web", false)]
    public void Instances_belong_to_their_app(string instance, string name, bool expected) =>
        Assert.Equal(expected, Events.IsInstanceOf(instance, name));
}
