using System.Text.Json;

namespace ProcessManager.EndToEnd.Tests;

/// <summary>pbm against a real pbmd: everything through the command line, as a user would.</summary>
public sealed class ProcessLifecycleTests
{
    [Fact]
    public async Task Start_list_stop_restart_and_delete_through_pbm()
    {
        await using var home = new PbmHome();
        var started = (await home.PbmAsync("daemon", "start")).ShouldSucceed();
        Assert.StartsWith("pbmd started (pid ", started.Output, StringComparison.Ordinal);

        (await home.PbmAsync("process", "start", "sleeper", "--", "sleep", "300")).ShouldSucceed();
        (await home.PbmAsync("process", "start", "napper", "--restart", "never", "--", "sleep", "301")).ShouldSucceed();

        var table = (await home.PbmAsync(["process", "list"], new Dictionary<string, string> { ["PBM_FORCE_TTY"] = "1" })).ShouldSucceed();
        Assert.Matches(@"^NAME\s+INSTANCE\s+STATUS\s+PID\s+RESTARTS\s+UPTIME\s+CPU\s+MEMORY$", table.Lines[0]);
        Assert.Matches(@"^napper\s+napper-0\s+running\s+\d+\s+0\s", table.Lines[1]);
        Assert.Matches(@"^sleeper\s+sleeper-0\s+running\s+\d+\s+0\s", table.Lines[2]);

        var list = await home.ListAsync();
        var sleeper = PbmHome.Find(list, "sleeper");
        var firstPid = sleeper.GetProperty("pid").GetInt32();
        Assert.Equal("running", sleeper.GetProperty("status").GetString());
        Assert.Equal(0, sleeper.GetProperty("restarts").GetInt32());

        var stopped = (await home.PbmAsync("process", "stop", "sleeper")).ShouldSucceed();
        Assert.Equal("stopped sleeper: stopped\n", stopped.Output);

        (await home.PbmAsync("process", "restart", "sleeper")).ShouldSucceed();
        var afterRestart = PbmHome.Find(await home.ListAsync(), "sleeper");
        Assert.Equal("running", afterRestart.GetProperty("status").GetString());
        Assert.NotEqual(firstPid, afterRestart.GetProperty("pid").GetInt32());

        (await home.PbmAsync("process", "delete", "napper")).ShouldSucceed();
        Assert.DoesNotContain(await home.ListAsync(), e => e.GetProperty("name").GetString() == "napper");

        var unknown = await home.PbmAsync("process", "describe", "napper");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("unknown process 'napper'", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_restarts_only_what_changed_and_reports_the_diff()
    {
        await using var home = new PbmHome();
        (await home.PbmAsync("daemon", "start")).ShouldSucceed();
        var file = Path.Combine(home.Path, "apps.conf");
        await File.WriteAllTextAsync(file, """
            processes {
              keep { command = ["sleep", "300"] }
              change { command = ["sleep", "301"] }
              drop { command = ["sleep", "302"] }
            }
            """, TestContext.Current.CancellationToken);

        var first = (await home.PbmAsync("process", "apply", file)).ShouldSucceed();
        Assert.Contains("3 added, 0 changed, 0 removed, 0 unchanged", first.Output, StringComparison.Ordinal);
        var before = await home.AwaitListAsync(l => l.Count == 3 && l.All(e => e.GetProperty("status").GetString() == "running"), "three running programs");
        var keepPid = PbmHome.Find(before, "keep").GetProperty("pid").GetInt32();
        var changePid = PbmHome.Find(before, "change").GetProperty("pid").GetInt32();

        await File.WriteAllTextAsync(file, """
            processes {
              keep { command = ["sleep", "300"] }
              change { command = ["sleep", "303"] }
              fresh { command = ["sleep", "304"] }
            }
            """, TestContext.Current.CancellationToken);
        var second = (await home.PbmAsync("process", "apply", file, "--json")).ShouldSucceed();

        using var diff = JsonDocument.Parse(second.Output);
        Assert.Equal(["fresh"], diff.RootElement.GetProperty("added").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["change"], diff.RootElement.GetProperty("changed").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["drop"], diff.RootElement.GetProperty("removed").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["keep"], diff.RootElement.GetProperty("unchanged").EnumerateArray().Select(e => e.GetString()));

        var after = await home.AwaitListAsync(l => l.Count == 3 && l.All(e => e.GetProperty("status").GetString() == "running"), "three running programs after the second apply");
        Assert.Equal(keepPid, PbmHome.Find(after, "keep").GetProperty("pid").GetInt32());
        Assert.NotEqual(changePid, PbmHome.Find(after, "change").GetProperty("pid").GetInt32());
    }

    [Fact]
    public async Task An_invalid_config_names_file_and_line_and_changes_nothing()
    {
        await using var home = new PbmHome();
        (await home.PbmAsync("daemon", "start")).ShouldSucceed();
        var file = Path.Combine(home.Path, "bad.conf");
        await File.WriteAllTextAsync(file, "processes {\n  ok { command = [\"sleep\", \"300\"] }\n  bad { comand = [\"x\"] }\n}\n", TestContext.Current.CancellationToken);

        var result = await home.PbmAsync("process", "apply", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{file}:3", result.Error, StringComparison.Ordinal);
        Assert.Empty(await home.ListAsync());
    }
}
