using ProcessManager.Actors.Processes.Configuration;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Hocon;
using Xunit;

namespace ProcessManager.Actors.Tests.Processes.Configuration;

public sealed class ProcessSpecParserTests
{
    private static IReadOnlyList<ProcessSpec> Parse(string text, string? defaults = null) =>
        ProcessSpecParser.Parse(
            ConfigurationFactory.ParseString(text, new HoconParseOptions { OriginDescription = "apps.conf" }),
            defaults is null ? null : ConfigurationFactory.ParseString(defaults, new HoconParseOptions { OriginDescription = "reference.conf" }));

    [Fact]
    public void Reads_every_field()
    {
        var spec = Assert.Single(Parse("""
            web {
              command = ["node", "server.js"]
              cwd = /srv/web
              env { PORT = 8080, MODE = prod }
              instances = 3
              restart = on-failure
              success-exit-codes = [0, 3]
              backoff { min = 100ms, max = 5s, random-factor = 0.5, reset-after = 30s }
              crash-loop { max-restarts = 4, within = 20s, cool-down = 1m }
              stop { signal = SIGINT, timeout = 3s }
              memory-limit = 256MiB
              user = "1000"
              logs { max-size = 1MiB, keep = 2, ring-buffer-lines = 50, total-cap = 4MiB }
              autostart = false
            }
            """));

        Assert.Equal("web", spec.Name);
        Assert.Equal(["node", "server.js"], spec.Argv);
        Assert.Equal("/srv/web", spec.WorkingDirectory);
        Assert.Equal("8080", spec.Environment["PORT"]);
        Assert.Equal(3, spec.Instances);
        Assert.Equal(RestartPolicy.OnFailure, spec.Restart);
        Assert.Equal([0, 3], spec.SuccessExitCodes);
        Assert.Equal(new BackoffSettings(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), 0.5, TimeSpan.FromSeconds(30)), spec.Backoff);
        Assert.Equal(new CrashLoopSettings(4, TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(1)), spec.CrashLoop);
        Assert.Equal(new StopSettings(SignalNames.SIGINT, TimeSpan.FromSeconds(3)), spec.Stop);
        Assert.Equal(256L * 1024 * 1024, spec.MemoryLimitBytes);
        Assert.Equal("1000", spec.User);
        Assert.Equal(new LogSettings(null, 1024 * 1024, 2, 50) { TotalCapBytes = 4L * 1024 * 1024 }, spec.Logs);
        Assert.False(spec.Autostart);
        Assert.StartsWith("apps.conf:1", spec.Origin, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_fields_come_from_the_defaults_block()
    {
        var spec = Assert.Single(Parse(
            "a { command = [sleep, \"1\"] }",
            "restart = never\nstop.timeout = 2s\ncrash-loop.cool-down = off"));

        Assert.Equal(RestartPolicy.Never, spec.Restart);
        Assert.Equal(TimeSpan.FromSeconds(2), spec.Stop.Timeout);
        Assert.Null(spec.CrashLoop.CoolDown);
        Assert.Equal(StopSettings.Default.Signal, spec.Stop.Signal);
    }

    [Fact]
    public void A_job_defaults_to_never_restart_and_reads_its_timeout()
    {
        var spec = Assert.Single(Parse("j { kind = job, command = [true], timeout = 5s, job-history = 7 }"));

        Assert.Equal(ProcessKind.Job, spec.Kind);
        Assert.Equal(RestartPolicy.Never, spec.Restart);
        Assert.Equal(TimeSpan.FromSeconds(5), spec.Timeout);
        Assert.Equal(7, spec.JobHistoryLimit);
    }

    [Fact]
    public void A_shell_command_string_needs_shell_true()
    {
        var error = Assert.Throws<ProcessSpecException>(() => Parse("s {\n  command = \"echo hi | wc\"\n}"));

        var only = Assert.Single(error.Errors);
        Assert.Equal("s.command", only.Field);
        Assert.Equal("apps.conf:2", only.Origin);

        var spec = Assert.Single(Parse("s { shell = true, command = \"echo hi | wc\" }"));
        Assert.Equal(["/bin/sh", "-c", "echo hi | wc"], spec.EffectiveArgv);
    }

    [Fact]
    public void Every_error_names_app_field_and_line()
    {
        var error = Assert.Throws<ProcessSpecException>(() => Parse("""
            good { command = [sleep, "1"] }
            bad {
              command = [sleep, "1"]
              restart = sometimes
              stop.signal = SIGNOPE
              instances = lots
              colour = blue
            }
            """));

        var byField = error.Errors.ToDictionary(e => e.Field);
        Assert.Equal("apps.conf:4", byField["bad.restart"].Origin);
        Assert.Contains("sometimes", byField["bad.restart"].Message, StringComparison.Ordinal);
        Assert.Equal("apps.conf:5", byField["bad.stop.signal"].Origin);
        Assert.Equal("apps.conf:6", byField["bad.instances"].Origin);
        Assert.Equal("apps.conf:7", byField["bad.colour"].Origin);
        Assert.Contains("apps.conf:4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_errors_point_at_the_offending_line()
    {
        var error = Assert.Throws<ProcessSpecException>(() => Parse("x {\n  command = [a]\n  backoff { min = 10s\n max = 1s }\n}"));

        var only = Assert.Single(error.Errors);
        Assert.Equal("x.backoff.max", only.Field);
        Assert.Equal("apps.conf:4", only.Origin);
    }

    [Fact]
    public void The_example_app_file_parses()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "hocon-examples", "apps.conf");
        var config = ConfigurationFactory.ParseFile(path);

        var specs = ProcessSpecParser.Parse(config.GetConfig("processes"));

        Assert.Equal(["backup", "ticker", "web", "worker"], specs.Select(s => s.Name));
        Assert.Equal(2, specs.Single(s => s.Name == "web").Instances);
        Assert.True(specs.Single(s => s.Name == "ticker").Shell);
        Assert.Equal(500, specs.Single(s => s.Name == "web").Logs.TailLines);
    }

    [Fact]
    public void The_example_pbm_conf_parses_with_the_defaults_of_reference_conf()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "hocon-examples");
        var unresolved = new HoconParseOptions { Resolve = false };
        var reference = ConfigurationFactory.ParseFile(Path.Combine(directory, "reference.conf"), unresolved);
        var config = ConfigurationFactory.ParseFile(Path.Combine(directory, "pbm.conf"), unresolved).WithFallback(reference).Resolve();

        var specs = ProcessSpecParser.Parse(config.GetConfig("processes"), config.GetConfig("pbm.process-defaults"));

        var worker = specs.Single(s => s.Name == "worker");
        Assert.Equal(SignalNames.SIGINT, worker.Stop.Signal);
        Assert.Equal(512L * 1024 * 1024, worker.MemoryLimitBytes);
        Assert.Equal(TimeSpan.FromMinutes(1), worker.Backoff.Max);
        Assert.Null(specs.Single(s => s.Name == "web").MemoryLimitBytes);
        Assert.Equal(30, specs.Single(s => s.Name == "nightly").Logs.MaxFiles);
    }

    [Fact]
    public void Zero_means_off_for_memory_limit_and_cool_down_and_empty_cwd_means_inherit()
    {
        var spec = Assert.Single(Parse("a { command = [x], memory-limit = 0, crash-loop.cool-down = 0, cwd = \"\" }"));

        Assert.Null(spec.MemoryLimitBytes);
        Assert.Null(spec.CrashLoop.CoolDown);
        Assert.Null(spec.WorkingDirectory);
    }

    [Fact]
    public void Log_settings_the_os_layer_refuses_are_reported_on_their_field()
    {
        var error = Assert.Throws<ProcessSpecException>(() => Parse("a {\n  command = [x]\n  logs { max-size = 10MiB, total-cap = 1MiB }\n}"));

        Assert.Contains(error.Errors, e => e.Field == "a.logs.total-cap");
    }
}
