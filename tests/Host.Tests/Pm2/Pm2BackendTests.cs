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
}
