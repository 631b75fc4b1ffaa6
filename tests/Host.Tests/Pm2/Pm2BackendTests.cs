using ProcessManager.Contracts.Client;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Host.Tests;

/// <summary>What PM2 users look for, through the real backend: env-file on apply, start of one app of a file.</summary>
public sealed partial class ActorBackendApiTests
{
    [Fact]
    public async Task An_applied_env_file_beside_the_file_feeds_the_program_and_a_broken_one_refuses_the_apply_naming_file_and_line()
    {
        await using var daemon = await RealDaemon.StartAsync("pbm.process-defaults.stop.timeout = 2s\n");
        var folder = Path.Combine(daemon.Home, "project");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "apps.conf");
        await File.WriteAllTextAsync(Path.Combine(folder, ".env"), "# settings\nexport GREETING=\"from file\"\nPORT=1\n", Ct);
        const string Apps = "processes {\n  web {\n    command = [sh, -c, \"echo $GREETING $PORT; exec sleep 300\"]\n    env-file = .env\n    env { PORT = \"2\" }\n  }\n}\n";

        await daemon.Client.ApplyConfigAsync(new ApplyConfigRequest(Apps, file), Ct);

        await AwaitAsync(async () => (await daemon.Client.TailLogAsync("web", 10, Ct)).Count == 1, "web printed its environment");
        Assert.Equal("from file 2", (await daemon.Client.TailLogAsync("web", 10, Ct))[0].Text);

        await File.WriteAllTextAsync(Path.Combine(folder, ".env"), "GREETING=x\nbroken line\n", Ct);
        var error = await Assert.ThrowsAsync<PbmApiException>(() => daemon.Client.ApplyConfigAsync(new ApplyConfigRequest(Apps.Replace("300", "301", StringComparison.Ordinal), file), Ct));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains($"{Path.Combine(folder, ".env")}:2: expected KEY=VALUE", error.Detail, StringComparison.Ordinal);
        Assert.Contains("web.env-file", error.Detail, StringComparison.Ordinal);
        Assert.Contains("300", (await daemon.Client.DescribeProcessAsync("web", Ct)).Command[2], StringComparison.Ordinal);

        var escape = await Assert.ThrowsAsync<PbmApiException>(() => daemon.Client.ApplyConfigAsync(new ApplyConfigRequest(Apps.Replace("env-file = .env", "env-file = ../.env", StringComparison.Ordinal), file), Ct));
        Assert.Contains($"{file}:4", escape.Detail, StringComparison.Ordinal);
        Assert.Contains("leads out of", escape.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_of_a_files_app_declares_and_starts_it_and_leaves_every_other_app_alone()
    {
        await using var daemon = await RealDaemon.StartAsync("pbm.process-defaults.stop.timeout = 2s\n");
        var folder = Path.Combine(daemon.Home, "project");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "apps.conf");
        await daemon.Client.StartProcessAsync(new StartProcessRequest("by-hand", ["sleep", "300"]), Ct);
        await daemon.Client.ApplyConfigAsync(new ApplyConfigRequest("processes { a { command = [sleep, \"300\"] } }\n", file), Ct);
        const string Two = "processes {\n  b { command = [sleep, \"300\"], autostart = false }\n  c { command = [sleep, \"300\"] }\n}\n";

        var several = await Assert.ThrowsAsync<PbmApiException>(() => daemon.Client.StartFileAsync(new StartFileRequest(Two, file), Ct));
        Assert.Equal(400, several.StatusCode);
        Assert.Contains("declares 2 apps", several.Error, StringComparison.Ordinal);
        Assert.Contains("b, c", several.Detail, StringComparison.Ordinal);
        var unknown = await Assert.ThrowsAsync<PbmApiException>(() => daemon.Client.StartFileAsync(new StartFileRequest(Two, file, "zzz"), Ct));
        Assert.Contains("no app 'zzz'", unknown.Error, StringComparison.Ordinal);

        var started = await daemon.Client.StartFileAsync(new StartFileRequest(Two, file, "b"), Ct);

        Assert.Equal("running", started.Status);
        Assert.Equal(["a", "b", "by-hand"], (await daemon.Client.ListProcessesAsync(Ct)).Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.All(await daemon.Client.ListProcessesAsync(Ct), p => Assert.Equal("running", p.Status));
        Assert.Equal(folder, (await daemon.Client.DescribeProcessAsync("b", Ct)).WorkingDirectory);

        var single = await daemon.Client.StartFileAsync(new StartFileRequest("processes { d { command = [sleep, \"300\"] } }\n", Path.Combine(folder, "d.conf")), Ct);
        Assert.Equal("d", single.Name);
        Assert.Equal("running", single.Status);
    }

    [Fact]
    public async Task Describe_shows_how_each_instance_last_exited_and_its_last_output_lines()
    {
        await using var daemon = await RealDaemon.StartAsync("pbm.process-defaults.stop.timeout = 2s\n");
        await daemon.Client.StartProcessAsync(new StartProcessRequest("quits", ["sh", "-c", "for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo line-$i; done; exit 3"], RestartPolicy: "never"), Ct);
        await daemon.Client.StartProcessAsync(new StartProcessRequest("sleeper", ["sleep", "300"]), Ct);
        await AwaitAsync(async () => (await daemon.Client.ListProcessesAsync(Ct)).Single(p => p.Name == "quits").Status == "exited", "quits exited");
        await daemon.Client.StopProcessAsync("sleeper", Ct);

        var quits = await daemon.Client.DescribeProcessAsync("quits", false, 3, Ct);
        var sleeper = await daemon.Client.DescribeProcessAsync("sleeper", Ct);

        Assert.Equal("exit code 3, exited by itself", quits.LastExit!["quits-0"]);
        Assert.Equal(["line-10", "line-11", "line-12"], quits.LastLines!.Select(line => line.Text));
        Assert.Equal("killed by SIGTERM, stopped by pbm: stop requested", sleeper.LastExit!["sleeper-0"]);
        Assert.Empty(sleeper.LastLines!);
        var bad = await Assert.ThrowsAsync<PbmApiException>(() => daemon.Client.DescribeProcessAsync("quits", false, 5000, Ct));
        Assert.Equal(400, bad.StatusCode);
    }

    [Fact]
    public async Task Deleting_an_instance_name_says_instances_go_with_their_app_alone_and_in_bulk()
    {
        await using var daemon = await RealDaemon.StartAsync("pbm.process-defaults.stop.timeout = 2s\n");
        await daemon.Client.StartProcessAsync(new StartProcessRequest("web", ["sleep", "300"], Instances: 2), Ct);

        var single = await Assert.ThrowsAsync<PbmApiException>(() => daemon.Client.DeleteProcessAsync("web-1", Ct));
        var bulk = await daemon.Client.BulkAsync(new BulkProcessRequest("delete", ["web-1", "ghost"]), Ct);

        Assert.Equal(400, single.StatusCode);
        Assert.Contains("instances are deleted with their app", single.Error, StringComparison.Ordinal);
        Assert.Contains("pbm process scale web", single.Detail, StringComparison.Ordinal);
        Assert.Contains("instances are deleted with their app", bulk.Results.Single(r => r.Name == "web-1").Error, StringComparison.Ordinal);
        Assert.Contains("unknown process 'ghost'", bulk.Results.Single(r => r.Name == "ghost").Error, StringComparison.Ordinal);
        Assert.Equal(2, (await daemon.Client.ListProcessesAsync(Ct)).Count);
        Assert.Equal(404, (await Assert.ThrowsAsync<PbmApiException>(() => daemon.Client.DeleteProcessAsync("web-7", Ct))).StatusCode);
    }

    [Fact]
    public async Task A_signal_reaches_the_running_program_of_each_instance_or_one_and_changes_no_state()
    {
        await using var daemon = await RealDaemon.StartAsync("pbm.process-defaults.stop.timeout = 2s\n");
        const string Trap = "trap 'echo got-hup' HUP; echo ready; while true; do sleep 0.1; done";
        await daemon.Client.StartProcessAsync(new StartProcessRequest("web", ["sh", "-c", Trap], Instances: 2), Ct);
        await AwaitAsync(async () => (await daemon.Client.TailLogAsync("web", 10, Ct)).Count(line => line.Text == "ready") == 2, "both instances set their trap");

        var one = await daemon.Client.SignalProcessAsync("web-1", "HUP", Ct);

        Assert.Equal("SIGHUP", one.Signal);
        Assert.Equal(["web-1"], one.Signalled.Select(s => s.Instance));
        await AwaitAsync(async () => (await daemon.Client.TailLogAsync("web-1", 10, Ct)).Any(line => line.Text == "got-hup"), "web-1 trapped SIGHUP");
        Assert.DoesNotContain(await daemon.Client.TailLogAsync("web-0", 10, Ct), line => line.Text == "got-hup");

        var all = await daemon.Client.SignalProcessAsync("web", "SIGHUP", Ct);
        Assert.Equal(["web-0", "web-1"], all.Signalled.Select(s => s.Instance));
        await AwaitAsync(async () => (await daemon.Client.TailLogAsync("web-0", 10, Ct)).Any(line => line.Text == "got-hup"), "web-0 trapped SIGHUP");
        Assert.All(await daemon.Client.ListProcessesAsync(Ct), p => Assert.Equal("running", p.Status));

        var bad = await Assert.ThrowsAsync<PbmApiException>(() => daemon.Client.SignalProcessAsync("web", "SIGNOPE", Ct));
        Assert.Equal(400, bad.StatusCode);
        await daemon.Client.StopProcessAsync("web", Ct);
        Assert.Empty((await daemon.Client.SignalProcessAsync("web", "HUP", Ct)).Signalled);
    }
}
