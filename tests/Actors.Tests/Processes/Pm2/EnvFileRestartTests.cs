using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Tests.Processes.Actors;
using Xunit;

namespace ProcessManager.Actors.Tests.Processes.Pm2;

/// <summary>The env-file is read at each start: an edit takes effect on restart; a broken one keeps the app from starting, saying why.</summary>
public sealed class EnvFileRestartTests : ProcessSupervisorTestBase
{
    [Fact]
    public void An_edited_env_file_takes_effect_on_restart_and_a_missing_one_errors_naming_it()
    {
        var envFile = Home.File("web.env");
        File.WriteAllText(envFile, "GREETING=first\n");
        var supervisor = StartSupervisor();
        var spec = Spec("web", "/bin/sh", "-c", "echo \"greeting=$GREETING\"; exec sleep 600") with { EnvFile = envFile };

        Command<ProcessCommandCompleted>(supervisor, new StartProcess(spec));
        AwaitLine(supervisor, "greeting=first");

        File.WriteAllText(envFile, "GREETING=second\n");
        Command<ProcessCommandCompleted>(supervisor, new RestartProcess("web"));
        AwaitLine(supervisor, "greeting=second");

        File.Delete(envFile);
        supervisor.Tell(new RestartProcess("web"), TestActor);
        var errored = ExpectState("web-0", ProcessState.Errored);
        Assert.Contains($"{envFile}: no such file", errored.Status.Error, StringComparison.Ordinal);
    }

    private void AwaitLine(Akka.Actor.IActorRef supervisor, string text) =>
        AwaitCondition(
            () => Command<LogLines>(supervisor, new TailLog("web", 0, 20)).Lines.Any(line => line.Text == text),
            Patience,
            $"the program printed {text}",
            TestContext.Current.CancellationToken);
}
