using ProcessManager.Actors.Os;
using ProcessManager.Actors.Os.Metrics;
using Xunit;

namespace ProcessManager.Actors.Tests.Os;

public sealed class ProcessTreeSamplerTests
{
    [Fact]
    public async Task Rss_growth_of_the_program_is_seen()
    {
        const int Megabytes = 64;
        await using var scope = new OsTestScope();
        var log = scope.NewLog();
        using var follower = log.Follow();
        var child = await scope.StartTestProgramAsync(log, "--alloc-on-usr1", Megabytes.ToString(System.Globalization.CultureInfo.InvariantCulture), "--ready", "--sleep", "inf");
        await follower.WaitForLineAsync("READY");
        var sampler = new ProcessTreeSampler();
        ProcSnapshot.Invalidate();
        var before = sampler.Sample(child.Pid);

        Assert.True(child.SignalGroup(Signals.SIGUSR1));
        await follower.WaitForLineAsync("ALLOCATED");
        ProcSnapshot.Invalidate();
        var after = sampler.Sample(child.Pid);

        Assert.Equal(1, before.ProcessCount);
        Assert.True(before.RssBytes > 0);
        Assert.True(after.RssBytes - before.RssBytes >= Megabytes * 0.9 * 1024 * 1024, $"RSS went from {before.RssBytes} to {after.RssBytes}");
        Assert.Equal(2, sampler.History.Count);
        Assert.Equal(after, sampler.History.Latest);
    }

    [Fact]
    public async Task The_whole_process_tree_is_summed()
    {
        await using var scope = new OsTestScope();
        var log = scope.NewLog();
        using var follower = log.Follow();
        var child = await scope.StartAsync(log, "sh", "-c", "sleep 3600 & sleep 3600 & echo READY; wait");
        await follower.WaitForLineAsync("READY");
        ProcSnapshot.Invalidate();

        var sample = new ProcessTreeSampler().Sample(child.Pid);

        Assert.Equal(3, sample.ProcessCount);
    }

    [Fact]
    public async Task Cpu_use_of_a_busy_program_is_measured()
    {
        await using var scope = new OsTestScope();
        var log = scope.NewLog();
        using var follower = log.Follow();
        var child = await scope.StartAsync(log, "sh", "-c", "echo START; i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; echo DONE; exec sleep 3600");
        await follower.WaitForLineAsync("START");
        var sampler = new ProcessTreeSampler();
        ProcSnapshot.Invalidate();
        sampler.Sample(child.Pid);
        await follower.WaitForLineAsync("DONE");
        ProcSnapshot.Invalidate();

        var sample = sampler.Sample(child.Pid);

        Assert.True(sample.CpuPercent > 0, $"cpu {sample.CpuPercent}%");
    }

    [Fact]
    public void History_is_bounded_and_keeps_the_newest()
    {
        var history = new SampleHistory(3);
        for (var i = 1; i <= 5; i++)
        {
            history.Add(new ProcessSample(DateTimeOffset.UnixEpoch.AddSeconds(i), i, i, 1));
        }

        Assert.Equal(3, history.Count);
        Assert.Equal([3.0, 4.0, 5.0], history.ToList().Select(s => s.CpuPercent));
    }

    [Fact]
    public void Settings_out_of_range_name_the_field()
    {
        var error = Assert.Throws<ArgumentException>(() => new MetricsSettings { HistoryCapacity = 0 }.Validate());
        Assert.Contains("metrics.history-capacity", error.Message, StringComparison.Ordinal);
    }
}
