using System.Collections;
using System.Runtime.InteropServices;
using ProcessManager.Actors.Processes.Execution;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Tests.Processes.Actors;
using Xunit;

namespace ProcessManager.Actors.Tests.Processes.Security;

/// <summary>Programs get their declared environment and their user's identity, not the daemon's environment and its secrets.</summary>
public sealed partial class ProgramEnvironmentTests : ProcessSupervisorTestBase
{
    private static readonly Hashtable DaemonEnvironment = new()
    {
        ["PBM__PBM__PERSISTENCE__POSTGRESQL__CONNECTION_STRING"] = "Host=db;Password=s3cret",
        ["PATH"] = "/opt/daemon/bin:/usr/bin",
        ["HOME"] = "/root",
        ["USER"] = "root",
        ["TZ"] = "UTC",
        ["LC_ALL"] = "C.UTF-8",
        ["LC_TIME"] = "C",
    };

    [Fact]
    public void A_program_under_another_user_gets_that_users_identity_and_nothing_of_the_daemons_environment()
    {
        var nobody = UserDatabase.Lookup("nobody");
        Assert.SkipWhen(nobody is null, "this system has no user nobody");

        var environment = ProgramEnvironment.Build(Spec("web", "true") with { User = "nobody" }, DaemonEnvironment, 0);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["PATH"] = ProgramEnvironment.DefaultPath,
                ["HOME"] = nobody.Home,
                ["USER"] = "nobody",
                ["LOGNAME"] = "nobody",
                ["SHELL"] = nobody.Shell,
            },
            environment);
    }

    [Fact]
    public void Inherit_env_passes_the_named_variables_and_prefixes_and_declared_env_overrides_them()
    {
        var spec = Spec("web", "true") with
        {
            InheritEnvironment = ["TZ", "LC_*", "NOT_SET"],
            Environment = new Dictionary<string, string> { ["TZ"] = "Europe/Paris", ["GREETING"] = "hi" },
        };

        var environment = ProgramEnvironment.Build(spec, DaemonEnvironment, 0);

        Assert.Equal("Europe/Paris", environment["TZ"]);
        Assert.Equal("C.UTF-8", environment["LC_ALL"]);
        Assert.Equal("C", environment["LC_TIME"]);
        Assert.Equal("hi", environment["GREETING"]);
        Assert.False(environment.ContainsKey("NOT_SET"));
        Assert.DoesNotContain(environment, pair => pair.Key.StartsWith("PBM__", StringComparison.Ordinal) || pair.Value.Contains("s3cret", StringComparison.Ordinal));

        // The daemon's own user keeps the daemon's PATH: that is where its programs are.
        Assert.Equal("/opt/daemon/bin:/usr/bin", environment["PATH"]);
    }

    [Fact]
    public void Inherit_env_star_passes_everything_and_a_bad_entry_is_refused_naming_the_field()
    {
        var all = ProgramEnvironment.Build(Spec("web", "true") with { InheritEnvironment = ["*"] }, DaemonEnvironment, 0);
        var errors = (Spec("web", "true") with { InheritEnvironment = ["A=B", ""] }).Validate();

        Assert.Equal("Host=db;Password=s3cret", all["PBM__PBM__PERSISTENCE__POSTGRESQL__CONNECTION_STRING"]);
        Assert.Equal(2, errors.Count(e => e.Field == "inherit-env"));
    }

    [Fact]
    public async Task A_program_running_as_nobody_sees_no_secret_of_the_daemons_environment_and_has_nobodys_home()
    {
        Assert.SkipUnless(geteuid() == 0, "running a program as another user needs root");
        var nobody = UserDatabase.Lookup("nobody");
        Assert.SkipWhen(nobody is null, "this system has no user nobody");
        const string Secret = "PBM__PBM__PERSISTENCE__POSTGRESQL__PASSWORD_ENV_TEST";
        Environment.SetEnvironmentVariable(Secret, "s3cret-from-the-daemon");
        try
        {
            var supervisor = StartSupervisor();
            Command<ProcessCommandCompleted>(supervisor, new StartProcess(Spec("envdump", "sh", "-c", "env; echo END; sleep 300") with { User = "nobody" }));

            AwaitCondition(
                () => Command<LogLines>(supervisor, new TailLog("envdump", 0, 200)).Lines.Any(l => l.Text == "END"),
                Patience,
                "the program printed its environment",
                TestContext.Current.CancellationToken);
            var lines = Command<LogLines>(supervisor, new TailLog("envdump", 0, 200)).Lines.Select(l => l.Text).ToList();
            Command<ProcessCommandCompleted>(supervisor, new StopProcess("envdump"));

            Assert.DoesNotContain(lines, l => l.Contains("s3cret", StringComparison.Ordinal) || l.StartsWith("PBM__", StringComparison.Ordinal));
            Assert.Contains("HOME=" + nobody.Home, lines);
            Assert.Contains("USER=nobody", lines);
            Assert.Contains("LOGNAME=nobody", lines);
            Assert.Contains("PATH=" + ProgramEnvironment.DefaultPath, lines);
            Assert.DoesNotContain("HOME=/root", lines);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Secret, null);
        }
    }

    [LibraryImport("libc")]
    private static partial uint geteuid();
}
