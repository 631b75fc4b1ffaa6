using ProcessManager.Actors.Processes.Protocol;
using Xunit;

namespace ProcessManager.Actors.Tests.Processes.Actors;

public sealed class LogTests : ProcessSupervisorTestBase
{
    [Fact]
    public async Task Follow_streams_new_lines_of_every_instance_until_cancelled()
    {
        var supervisor = StartSupervisor();
        // Talks until stopped, so lines keep coming whenever the subscription starts.
        var spec = Spec("talker", "sh", "-c", "while true; do echo \"hello from $PBM_INSTANCE\"; sleep 0.05; done") with { Instances = 2 };
        Command<ProcessCommandCompleted>(supervisor, new StartProcess(spec));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var following = Command<LogFollowing>(supervisor, new FollowLog("talker", null, cancel.Token));

        var seen = new HashSet<string>();
        using var patience = new CancellationTokenSource(Patience);
        while (seen.Count < 2)
        {
            var line = await following.Lines.ReadAsync(patience.Token);
            seen.Add(line.Instance + ": " + line.Text);
        }

        Assert.Equal(["talker-0: hello from talker-0", "talker-1: hello from talker-1"], seen.Order());
        await cancel.CancelAsync();

        // After cancellation the channel completes: reading what is left ends instead of waiting forever.
        await foreach (var _ in following.Lines.ReadAllAsync(patience.Token))
        {
        }

        Assert.True(following.Lines.Completion.IsCompleted);
        Command<ProcessCommandCompleted>(supervisor, new StopProcess("talker"));
    }

    [Fact]
    public void Tail_merges_instances_by_time_and_keeps_the_last_lines()
    {
        var supervisor = StartSupervisor();
        Command<ProcessCommandCompleted>(supervisor, new StartProcess(Spec("counter", "sh", "-c", "for i in 1 2 3 4 5; do echo $i; done; echo err >&2; sleep 300")));

        AwaitCondition(() => Command<LogLines>(supervisor, new TailLog("counter", 0, 3)).Lines.Count == 3, Patience, "the lines are captured", TestContext.Current.CancellationToken);
        var tail = Command<LogLines>(supervisor, new TailLog("counter", 0, 3));

        Assert.Equal(["4", "5", "err"], tail.Lines.Select(l => l.Text));
        Assert.Equal(LogSource.Stderr, tail.Lines[^1].Stream);
        Assert.Equal("counter-1", Command<ProcessNotFound>(supervisor, new TailLog("counter", 1, 3)).Name);
    }
}
