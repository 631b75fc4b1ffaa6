using ProcessManager.Actors.Processes.Protocol;
using Xunit;

namespace ProcessManager.Actors.Tests.Processes.Actors;

public sealed class JobTests : ProcessSupervisorTestBase
{
    [Fact]
    public void A_job_runs_once_and_records_exit_code_duration_and_last_lines()
    {
        var supervisor = StartSupervisor();
        var job = Spec("report", "sh", "-c", "echo one; echo two; exit 4") with { Kind = ProcessKind.Job, Restart = RestartPolicy.Never };

        Command<ProcessCommandCompleted>(supervisor, new StartProcess(job));
        ExpectState("report-0", ProcessState.Exited);

        var run = Assert.Single(Command<ProcessDescription>(supervisor, new DescribeProcess("report")).JobRuns);
        Assert.Equal(1, run.Run);
        Assert.Equal(4, run.ExitCode);
        Assert.False(run.Succeeded);
        Assert.False(run.TimedOut);
        Assert.Equal(["one", "two"], run.LastLines.TakeLast(2));
        Assert.InRange(run.Duration, TimeSpan.Zero, Patience);
    }

    [Fact]
    public void A_job_timeout_kills_its_group()
    {
        var supervisor = StartSupervisor();
        var job = Spec("slow", "sleep", "300") with { Kind = ProcessKind.Job, Restart = RestartPolicy.Never, Timeout = TimeSpan.FromMilliseconds(300) };

        var pid = Command<ProcessCommandCompleted>(supervisor, new StartProcess(job)).Instances[0].Pid!.Value;
        ExpectState("slow-0", ProcessState.Exited);

        var run = Assert.Single(Command<ProcessDescription>(supervisor, new DescribeProcess("slow")).JobRuns);
        Assert.True(run.TimedOut);
        Assert.False(run.Succeeded);
        Assert.Equal(SignalNames.SIGKILL, run.Signal);
        Assert.False(IsAlive(pid));
    }

    [Fact]
    public void The_job_history_keeps_only_the_last_runs()
    {
        var supervisor = StartSupervisor();
        var job = Spec("tick", "true") with { Kind = ProcessKind.Job, Restart = RestartPolicy.Never, JobHistoryLimit = 3 };
        Command<ProcessCommandCompleted>(supervisor, new StartProcess(job));
        ExpectState("tick-0", ProcessState.Exited);

        for (var i = 0; i < 4; i++)
        {
            Command<ProcessCommandCompleted>(supervisor, new StartDeclaredProcess("tick"));
            ExpectState("tick-0", ProcessState.Exited);
        }

        var runs = Command<ProcessDescription>(supervisor, new DescribeProcess("tick")).JobRuns;
        Assert.Equal([3, 4, 5], runs.Select(r => r.Run));
        Assert.All(runs, r => Assert.True(r.Succeeded));
    }
}
