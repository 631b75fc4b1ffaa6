using System.Diagnostics;
using System.Text.Json;

namespace ProcessManager.EndToEnd.Tests;

public sealed class DaemonTests
{
    [Fact]
    public async Task History_survives_a_daemon_restart_and_the_program_comes_back()
    {
        await using var home = new PbmHome();
        (await home.PbmAsync("daemon", "start")).ShouldSucceed();
        (await home.PbmAsync("process", "start", "survivor", "--", "sleep", "300")).ShouldSucceed();
        var firstPid = PbmHome.Find(await home.ListAsync(), "survivor").GetProperty("pid").GetInt32();

        (await home.PbmAsync("daemon", "stop")).ShouldSucceed();
        var down = await home.PbmAsync("process", "list");
        Assert.Equal(3, down.ExitCode);
        Assert.Contains("pbm daemon start", down.Error, StringComparison.Ordinal);

        (await home.PbmAsync("daemon", "start")).ShouldSucceed();
        var back = await home.AwaitListAsync(l => l.Count == 1 && l[0].GetProperty("status").GetString() == "running", "survivor running again");
        Assert.NotEqual(firstPid, back[0].GetProperty("pid").GetInt32());

        var history = (await home.PbmAsync("process", "history", "survivor", "--json")).ShouldSucceed();
        var events = JsonDocument.Parse(history.Output).RootElement.EnumerateArray().Select(e => e.GetProperty("event").GetString()).ToList();
        Assert.Contains("declared", events);
        Assert.True(events.Count(e => e == "started") >= 2, "started before and after the restart: " + string.Join(", ", events));
    }

    [Fact]
    public async Task A_daemon_killed_with_SIGKILL_comes_back_without_duplicating_its_programs()
    {
        await using var home = new PbmHome();
        (await home.PbmAsync("daemon", "start")).ShouldSucceed();
        (await home.PbmAsync("process", "start", "quiet", "--", "sleep", "300")).ShouldSucceed();
        (await home.PbmAsync("process", "start", "parked", "--", "sleep", "300")).ShouldSucceed();
        (await home.PbmAsync("process", "stop", "parked")).ShouldSucceed();
        var firstPid = PbmHome.Find(await home.ListAsync(), "quiet").GetProperty("pid").GetInt32();
        var daemonPid = await home.DaemonPidAsync() ?? throw new InvalidOperationException("no daemon pid");

        Signals.Send(daemonPid, Signals.SigKill);
        var deadline = DateTime.UtcNow + Built.Scaled(20);
        while ((await home.PbmAsync("process", "list")).ExitCode != 3)
        {
            Assert.True(DateTime.UtcNow < deadline, "the killed daemon still answers");
        }

        (await home.PbmAsync("daemon", "start")).ShouldSucceed();
        var back = await home.AwaitListAsync(
            l => l.Count == 2 && PbmHome.Find(l, "quiet").GetProperty("status").GetString() == "running",
            "quiet running again after the kill");
        var pid = PbmHome.Find(back, "quiet").GetProperty("pid").GetInt32();

        // Adopted (same pid) or replaced after the old one was stopped: never two copies.
        Assert.True(pid == firstPid || !Directory.Exists($"/proc/{firstPid}"), $"old pid {firstPid} still alive beside new pid {pid}");
        Assert.Equal("stopped", PbmHome.Find(back, "parked").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_second_daemon_on_the_same_home_is_refused_with_the_holders_pid()
    {
        await using var home = new PbmHome();
        (await home.PbmAsync("daemon", "start")).ShouldSucceed();
        var pid = await home.DaemonPidAsync();

        var again = (await home.PbmAsync("daemon", "start")).ShouldSucceed();
        Assert.Contains($"already running (pid {pid})", again.Output, StringComparison.Ordinal);

        using var direct = Process.Start(home.StartInfo(Built.Pbmd, ["--home", home.Path]))!;
        var error = await direct.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await direct.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(3, direct.ExitCode);
        Assert.Contains($"(pid {pid})", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hierarchy_stats_and_status_answer()
    {
        await using var home = new PbmHome();
        (await home.PbmAsync("daemon", "start")).ShouldSucceed();
        (await home.PbmAsync("process", "start", "web", "--", "sleep", "300")).ShouldSucceed();

        var tree = (await home.PbmAsync("actor", "hierarchy")).ShouldSucceed();
        Assert.Contains("processes (ProcessSupervisor)", tree.Output, StringComparison.Ordinal);
        Assert.Contains("web-0", tree.Output, StringComparison.Ordinal);

        var memory = (await home.PbmAsync("stats", "memory", "--json")).ShouldSucceed();
        Assert.True(JsonDocument.Parse(memory.Output).RootElement.GetProperty("residentBytes").GetInt64() > 1024 * 1024);

        var performance = (await home.PbmAsync("stats", "performance", "--json")).ShouldSucceed();
        var perf = JsonDocument.Parse(performance.Output).RootElement;
        Assert.Equal(1, perf.GetProperty("processCount").GetInt32());
        Assert.True(perf.GetProperty("commandsServed").GetInt64() >= 3);

        var status = (await home.PbmAsync("daemon", "status", "--json")).ShouldSucceed();
        Assert.Equal(await home.DaemonPidAsync(), JsonDocument.Parse(status.Output).RootElement.GetProperty("pid").GetInt32());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(home.Socket));
    }

    [Fact]
    public async Task Tcp_needs_the_token_and_pbm_reports_auth_failures_with_exit_4()
    {
        await using var home = new PbmHome();
        var config = Path.Combine(home.Path, "tcp.conf");
        await File.WriteAllTextAsync(config, "pbm.api.tcp { enabled = true, port = 0 }\n", TestContext.Current.CancellationToken);
        (await home.PbmAsync("daemon", "start", "--config", config)).ShouldSucceed();
        var status = JsonDocument.Parse((await home.PbmAsync("daemon", "status", "--json")).ShouldSucceed().Output).RootElement;
        var tcp = new Uri(status.GetProperty("tcpEndpoint").GetString()!);
        var host = $"{tcp.Host}:{tcp.Port}";
        var tokenFile = Path.Combine(home.Path, "api.token");

        var wrong = await home.PbmAsync("--host", host, "--token", "wrong", "process", "list");
        var right = await home.PbmAsync("--host", host, "--token-file", tokenFile, "process", "list");

        Assert.Equal(4, wrong.ExitCode);
        Assert.Contains("unauthorized", wrong.Error, StringComparison.Ordinal);
        right.ShouldSucceed();
    }
}
