using ProcessManager.Cli.Commands.Daemon;
using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Tests.Pm2;

/// <summary>
/// <c>pbm daemon install</c>: the unit's text and where it goes. systemctl itself is not run here (no systemd in the
/// test environment); what pbm would run is recorded through the command's seam.
/// </summary>
public sealed class DaemonInstallTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pbm-install-").FullName;

    [Fact]
    public void The_unit_runs_the_absolute_pbmd_path_with_pbm_home_restarts_on_failure_and_kills_only_pbmd()
    {
        var text = SystemdUnit.Text(["/opt/pbm/pbmd", "--config", "/etc/pbm/my apps.conf"], "/srv/pbm 100%", root: false);

        Assert.Contains("\nExecStart=/opt/pbm/pbmd --config \"/etc/pbm/my apps.conf\"\n", text, StringComparison.Ordinal);
        Assert.Contains("\nEnvironment=\"PBM_HOME=/srv/pbm 100%%\"\n", text, StringComparison.Ordinal);
        Assert.Contains("\nRestart=on-failure\n", text, StringComparison.Ordinal);
        Assert.Contains("\nKillMode=process\n", text, StringComparison.Ordinal);
        Assert.Contains("\nWantedBy=default.target\n", text, StringComparison.Ordinal);
        Assert.Contains("\nWantedBy=multi-user.target\n", SystemdUnit.Text(["/opt/pbm/pbmd"], null, root: true), StringComparison.Ordinal);
        Assert.DoesNotContain("PBM_HOME", SystemdUnit.Text(["/opt/pbm/pbmd"], null, root: true), StringComparison.Ordinal);
        Assert.Equal("\"a\\\\b$$x\"", SystemdUnit.Quote("a\\b$x"));
    }

    [Fact]
    public void Root_gets_a_system_unit_and_a_user_a_user_unit_under_xdg_config_home_or_home()
    {
        Assert.Equal("/etc/systemd/system/pbmd.service", SystemdUnit.PathFor(true, _ => "/home/ann"));
        Assert.Equal("/home/ann/.config/systemd/user/pbmd.service", SystemdUnit.PathFor(false, key => key == "HOME" ? "/home/ann" : null));
        Assert.Equal("/cfg/systemd/user/pbmd.service", SystemdUnit.PathFor(false, key => key switch { "HOME" => "/home/ann", "XDG_CONFIG_HOME" => "/cfg", _ => null }));
    }

    [Fact]
    public void Install_writes_the_unit_0644_into_the_users_folder_and_enable_runs_systemctl_user_with_an_argv()
    {
        var pbmd = FakePbmd();
        var console = new FakeConsole(false, "");
        var environment = new Dictionary<string, string> { ["HOME"] = _dir, ["PBM_DAEMON"] = pbmd, ["PBM_HOME"] = Path.Combine(_dir, "state") };
        var context = new CommandContext(console, new FixedClock(), new GlobalOptions(null, null, null, null, false), _ => new FakeApiClient(), environment.GetValueOrDefault, CancellationToken.None);
        var calls = new List<string>();

        var exit = Install.Run(new Install.Options(false, true, false, null, null), context, root: false, "/usr/bin/systemctl", (program, args) =>
        {
            calls.Add(program + " " + string.Join(' ', args));
            return 0;
        });

        Assert.Equal(ExitCodes.Ok, exit);
        var unit = Path.Combine(_dir, ".config", "systemd", "user", "pbmd.service");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(unit));
        var text = File.ReadAllText(unit);
        Assert.Contains($"\nExecStart={pbmd}\n", text, StringComparison.Ordinal);
        Assert.Contains($"\nEnvironment=PBM_HOME={Path.Combine(_dir, "state")}\n", text, StringComparison.Ordinal);
        Assert.Equal(["/usr/bin/systemctl --user daemon-reload", "/usr/bin/systemctl --user enable --now pbmd.service"], calls);
    }

    [Fact]
    public async Task Print_only_prints_an_existing_different_unit_needs_force_and_enable_without_systemctl_says_so()
    {
        var pbmd = FakePbmd();
        var unit = Path.Combine(_dir, "out", "pbmd.service");
        var runner = new PbmRunner().With("PBM_DAEMON", pbmd).With("PATH", _dir);

        Assert.Equal(ExitCodes.Ok, await runner.RunAsync("daemon", "install", "--print"));
        Assert.Contains($"ExecStart={pbmd}", runner.Console.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(unit));

        Directory.CreateDirectory(Path.GetDirectoryName(unit)!);
        File.WriteAllText(unit, "[Service]\nExecStart=/somewhere/else\n");
        var refused = new PbmRunner().With("PBM_DAEMON", pbmd).With("PATH", _dir);
        Assert.Equal(ExitCodes.Error, await refused.RunAsync("daemon", "install", "--path", unit));
        Assert.Contains("--force", refused.Console.Errors, StringComparison.Ordinal);
        Assert.Contains("/somewhere/else", File.ReadAllText(unit), StringComparison.Ordinal);

        var enable = new PbmRunner().With("PBM_DAEMON", pbmd).With("PATH", _dir);
        Assert.Equal(ExitCodes.Error, await enable.RunAsync("daemon", "install", "--path", unit, "--force", "--enable"));
        Assert.Contains($"ExecStart={pbmd}", File.ReadAllText(unit), StringComparison.Ordinal);
        Assert.Contains("systemctl not found", enable.Console.Errors, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string FakePbmd()
    {
        var path = Path.Combine(_dir, "pbmd");
        File.WriteAllText(path, "#!/bin/sh\n");
        return path;
    }
}
