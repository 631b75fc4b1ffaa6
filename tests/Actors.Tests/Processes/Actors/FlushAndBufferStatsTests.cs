using ProcessManager.Actors.Processes.Protocol;
using Xunit;

namespace ProcessManager.Actors.Tests.Processes.Actors;

public sealed class FlushAndBufferStatsTests : ProcessSupervisorTestBase
{
    [Fact]
    public void Flush_with_a_name_flushes_only_that_apps_instances_and_an_unknown_name_is_not_found()
    {
        var supervisor = StartSupervisor();
        Command<ProcessCommandCompleted>(supervisor, new StartProcess(Spec("pair", "sh", "-c", "echo one; sleep 300") with { Instances = 2 }));
        Command<ProcessCommandCompleted>(supervisor, new StartProcess(Spec("solo", "sh", "-c", "echo two; sleep 300")));

        Assert.Equal(2, Command<LogsFlushed>(supervisor, new FlushLogs("pair")).Instances);
        Assert.Equal(1, Command<LogsFlushed>(supervisor, new FlushLogs("solo")).Instances);
        Assert.Equal(3, Command<LogsFlushed>(supervisor, new FlushLogs(null)).Instances);
        Assert.Equal("ghost", Command<ProcessNotFound>(supervisor, new FlushLogs("ghost")).Name);

        Command<ProcessCommandCompleted>(supervisor, new StopProcess("pair"));
        Command<ProcessCommandCompleted>(supervisor, new StopProcess("solo"));
    }

    [Fact]
    public void A_flushed_app_has_its_captured_lines_in_its_file()
    {
        var supervisor = StartSupervisor();
        Command<ProcessCommandCompleted>(supervisor, new StartProcess(Spec("writer", "sh", "-c", "echo first; echo second; sleep 300")));
        AwaitCondition(() => Command<LogLines>(supervisor, new TailLog("writer", null, 10)).Lines.Count == 2, Patience, "both lines are captured", TestContext.Current.CancellationToken);

        Command<LogsFlushed>(supervisor, new FlushLogs("writer"));

        var file = File.ReadAllText(Path.Combine(Home.File("logs"), "writer-0.out.log"));
        Assert.Contains("first", file, StringComparison.Ordinal);
        Assert.Contains("second", file, StringComparison.Ordinal);
        Command<ProcessCommandCompleted>(supervisor, new StopProcess("writer"));
    }

    [Fact]
    public void Buffer_stats_count_the_lines_held_and_captured_and_state_every_bound()
    {
        var supervisor = StartSupervisor();
        var empty = Command<BufferStats>(supervisor, GetBufferStats.Instance);
        Assert.Equal(0, empty.Instances);
        Assert.Equal(0, empty.RingLines);

        var spec = Spec("printer", "sh", "-c", "for i in 1 2 3 4 5; do echo line $i; done; sleep 300") with
        {
            Instances = 2,
            Logs = LogSettings.Default with { TailLines = 100 },
        };
        Command<ProcessCommandCompleted>(supervisor, new StartProcess(spec));

        AwaitCondition(() => Command<BufferStats>(supervisor, GetBufferStats.Instance) is { RingLines: 10, MetricsSamples: > 0 }, Patience, "ten lines held and a sample taken", TestContext.Current.CancellationToken);
        var stats = Command<BufferStats>(supervisor, GetBufferStats.Instance);

        Assert.Equal(2, stats.Instances);
        Assert.Equal(200, stats.RingCapacity);
        Assert.Equal(10, stats.LogCapturedLines);
        Assert.Equal(0, stats.LogDroppedLines);
        Assert.InRange(stats.LogQueuedBytes, 0, stats.LogQueueCapacityBytes);
        Assert.True(stats.LogQueueCapacityBytes > 0);
        Assert.Equal(2 * Settings.MetricsHistory, stats.MetricsCapacity);
        Assert.InRange(stats.MetricsSamples, 1, stats.MetricsCapacity);
        Command<ProcessCommandCompleted>(supervisor, new StopProcess("printer"));
    }
}
