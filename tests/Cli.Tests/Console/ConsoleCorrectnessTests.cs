using System.Text.Json;
using ProcessManager.Cli.Infrastructure;
using ProcessManager.Contracts.Client;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Tests.Console;

public sealed class ConsoleCorrectnessTests
{
    [Fact]
    public async Task A_start_that_ends_errored_exits_non_zero_and_says_where_to_look()
    {
        var runner = new PbmRunner();
        runner.Client.StartedStatus = "errored";

        var exit = await runner.RunAsync("process", "start", "rel", "--", "./run.sh");

        Assert.Equal(ExitCodes.Error, exit);
        Assert.Equal("started rel: errored\n", runner.Console.Output);
        Assert.Contains("pbm log tail rel", runner.Console.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ad_hoc_program_is_sent_with_the_callers_directory()
    {
        var runner = new PbmRunner();

        await runner.RunAsync("process", "start", "rel", "--", "./run.sh");

        Assert.Equal(Directory.GetCurrentDirectory(), runner.Client.LastStart!.WorkingDirectory);
        Assert.Equal(["./run.sh"], runner.Client.LastStart.Command);
    }

    [Fact]
    public async Task Several_names_and_globs_go_in_one_bulk_call_and_a_failure_exits_non_zero()
    {
        var runner = new PbmRunner(terminal: true);
        runner.Client.BulkAnswer = request => new BulkProcessResult(
        [
            new BulkItemResult("api", false, null, "unknown process 'api'"),
            new BulkItemResult("web-a", true, new ProcessStatus("web-a", "stopped", null, 0, null, null, null), null),
        ]);

        var exit = await runner.RunAsync("process", "stop", "web-*", "api");

        Assert.Equal(ExitCodes.Error, exit);
        Assert.Equal(["bulk stop web-* api"], runner.Client.Calls);
        var lines = runner.Console.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("NAME", lines[0], StringComparison.Ordinal);
        Assert.Contains("failed", lines[1], StringComparison.Ordinal);
        Assert.Contains("unknown process 'api'", lines[1], StringComparison.Ordinal);
        Assert.Contains("ok", lines[2], StringComparison.Ordinal);
        Assert.Contains("1 of 2 failed", runner.Console.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("start")]
    [InlineData("restart")]
    [InlineData("delete")]
    public async Task All_is_one_bulk_call_for_every_action_with_json_results(string action)
    {
        var runner = new PbmRunner();

        var exit = await runner.RunAsync("process", action, "all", "--json");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal(action, runner.Client.LastBulk!.Action);
        Assert.Equal(["all"], runner.Client.LastBulk.Targets);
        using var json = JsonDocument.Parse(runner.Console.Output);
        Assert.True(json.RootElement.GetProperty("results")[0].GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task A_glob_that_matches_nothing_exits_non_zero()
    {
        var runner = new PbmRunner();
        runner.Client.BulkAnswer = _ => new BulkProcessResult([]);

        var exit = await runner.RunAsync("process", "restart", "nothing-*");

        Assert.Equal(ExitCodes.Error, exit);
        Assert.Contains("no process matches nothing-*", runner.Console.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_instance_name_uses_the_single_call_and_names_the_instance()
    {
        var runner = new PbmRunner();
        runner.Client.Processes.Add(new ProcessStatus("web-1", "running", 7, 0, null, null, null));

        var exit = await runner.RunAsync("process", "stop", "web-1");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal(["stop web-1"], runner.Client.Calls);
        Assert.Equal("stopped web-1: stopped\n", runner.Console.Output);
    }

    [Fact]
    public async Task List_has_an_instance_column_so_two_instances_are_two_different_rows()
    {
        var runner = new PbmRunner(terminal: false);
        runner.Client.Processes.Add(new ProcessStatus("web", "running", 10, 0, null, null, null, 0));
        runner.Client.Processes.Add(new ProcessStatus("web", "running", 11, 0, null, null, null, 1));

        await runner.RunAsync("process", "list");

        var lines = runner.Console.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("web\tweb-0\trunning\t10", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("web\tweb-1\trunning\t11", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_dry_run_and_prune_are_sent_and_the_plan_names_what_was_kept()
    {
        var runner = new PbmRunner();
        var file = Path.Combine(Path.GetTempPath(), $"pbm-apply-{Guid.NewGuid():N}.conf");
        await File.WriteAllTextAsync(file, "processes { web { command = [sleep, \"1\"] } }\n", TestContext.Current.CancellationToken);
        try
        {
            var exit = await runner.RunAsync("process", "apply", file, "--dry-run", "--prune");

            Assert.Equal(ExitCodes.Ok, exit);
            Assert.True(runner.Client.LastApply!.DryRun);
            Assert.True(runner.Client.LastApply.Prune);
            Assert.Contains("1 would be added", runner.Console.Output, StringComparison.Ordinal);
            Assert.Contains("dry run: nothing changed", runner.Console.Errors, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Apply_reads_a_file_with_a_bound_and_refuses_a_larger_one_before_sending()
    {
        var runner = new PbmRunner();
        var file = Path.Combine(Path.GetTempPath(), $"pbm-apply-{Guid.NewGuid():N}.conf");
        await using (var stream = File.Create(file))
        {
            stream.SetLength(Commands.Process.Apply.MaxFileBytes + 1L);
        }

        try
        {
            var exit = await runner.RunAsync("process", "apply", file);

            Assert.Equal(ExitCodes.Error, exit);
            Assert.Empty(runner.Client.Calls);
            Assert.Contains("larger than 16 MiB", runner.Console.Errors, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Config_resolve_of_an_apps_file_is_refused_when_the_daemon_refuses_its_apps_as_apply_would()
    {
        var runner = new PbmRunner();
        runner.Client.Failure = new PbmApiException(400, "invalid configuration in apps.conf", "apps.conf:1: web.command: the program to run is missing");
        var file = Path.Combine(Path.GetTempPath(), $"pbm-resolve-{Guid.NewGuid():N}.conf");
        await File.WriteAllTextAsync(file, "processes { web { command = [\"\"] } }\n", TestContext.Current.CancellationToken);
        try
        {
            var exit = await runner.RunAsync("config", "resolve", file);

            Assert.Equal(ExitCodes.Error, exit);
            Assert.Equal(["apply"], runner.Client.Calls);
            Assert.True(runner.Client.LastApply!.DryRun);
            Assert.Contains("web.command", runner.Console.Errors, StringComparison.Ordinal);
            Assert.Equal(string.Empty, runner.Console.Output);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
