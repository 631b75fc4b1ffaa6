using ProcessManager.Actors.Os.Metrics;
using ProcessManager.Actors.Processes;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Tests.Processes.Actors;
using Xunit;

namespace ProcessManager.Actors.Tests.Processes.Sampling;

/// <summary>
/// With an idle cadence, a program is sampled once when it starts and then only as slowly as the idle interval, until
/// figures are asked for (<see cref="SamplingDemand"/> on the event stream); a program with a memory limit keeps its
/// metrics.interval so that the limit is checked as often as before.
/// </summary>
public sealed class IdleSamplingTests : ProcessSupervisorTestBase
{
    /// <summary>Samples at the fast cadence (200 ms) in this long are many more than the at most two a quiet program takes.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    private Akka.Actor.IActorRef StartIdleSupervisor() =>
        Sys.ActorOf(ProcessSupervisor.Props(Settings with { IdleMetricsInterval = TimeSpan.FromHours(1) }), ProcessSupervisor.ActorName);

    private static long Samples(Akka.Actor.IActorRef supervisor) => Command<BufferStats>(supervisor, GetBufferStats.Instance).MetricsSamples;

    [Fact]
    public void A_program_nobody_asks_about_is_sampled_once_then_at_the_fast_cadence_after_a_demand()
    {
        var supervisor = StartIdleSupervisor();
        Command<ProcessCommandCompleted>(supervisor, new StartProcess(Spec("quiet", "sleep", "300")));
        AwaitCondition(() => Samples(supervisor) >= 1, Patience, "the sample taken at start", TestContext.Current.CancellationToken);

        Thread.Sleep(Quiet);
        Assert.InRange(Samples(supervisor), 1, 2);

        Sys.EventStream.Publish(new SamplingDemand(TimeSpan.FromHours(1)));
        AwaitCondition(() => Samples(supervisor) >= 5, Patience, "samples at metrics.interval after the demand", TestContext.Current.CancellationToken);
        Command<ProcessCommandCompleted>(supervisor, new StopProcess("quiet"));
    }

    [Fact]
    public void A_program_with_a_memory_limit_keeps_its_metrics_interval_while_nobody_asks()
    {
        var supervisor = StartIdleSupervisor();
        Command<ProcessCommandCompleted>(supervisor, new StartProcess(Spec("limited", "sleep", "300") with { MemoryLimitBytes = 1L << 30 }));

        AwaitCondition(() => Samples(supervisor) >= 5, Patience, "samples at metrics.interval without a demand", TestContext.Current.CancellationToken);
        Command<ProcessCommandCompleted>(supervisor, new StopProcess("limited"));
    }

    [Theory]
    [InlineData(2_000, 60_000, false, false, 60_000)]
    [InlineData(2_000, 60_000, true, false, 2_000)]
    [InlineData(2_000, 60_000, false, true, 2_000)]
    [InlineData(2_000, 1_000, false, false, 2_000)]
    [InlineData(2_000, null, false, false, 2_000)]
    public void The_cadence_is_the_idle_interval_only_without_a_memory_limit_or_a_demand(int interval, int? idle, bool memoryLimited, bool demanded, int expected) =>
        Assert.Equal(
            TimeSpan.FromMilliseconds(expected),
            SamplingCadence.Interval(TimeSpan.FromMilliseconds(interval), idle is { } ms ? TimeSpan.FromMilliseconds(ms) : null, memoryLimited, demanded));

    [Theory]
    [InlineData(10_000, 2_000, 2_000)]
    [InlineData(10_500, 2_000, 1_500)]
    [InlineData(11_999, 2_000, 1)]
    [InlineData(59_000, 60_000, 1_000)]
    public void Samplers_with_the_same_interval_tick_at_the_same_instants(long now, int interval, int expectedDelay) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedDelay), SamplingCadence.DelayToNextTick(TimeSpan.FromMilliseconds(interval), now));
}
