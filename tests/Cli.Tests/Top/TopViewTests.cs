using ProcessManager.Cli.Commands.Top;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Tests.Top;

public sealed class TopViewTests
{
    private static MetricsSnapshot Sample(double webCpu, long workerMemory) => new(DateTimeOffset.UnixEpoch,
    [
        new ProcessStatus("web", "running", 100, 2, 65, webCpu, 1024 * 1024),
        new ProcessStatus("worker", "backing-off", null, 5, null, 0, workerMemory),
    ]);

    [Fact]
    public void A_frame_shows_every_instance_with_a_cpu_sparkline_and_highlights_the_selected_row()
    {
        var state = new TopState();
        state.Apply(Sample(0, 0));
        state.Apply(Sample(50, 0));
        state.Apply(Sample(100, 0));

        var frame = TopView.Frame(state, 160, 20);

        var lines = frame.Split("\r\n");
        var web = Assert.Single(lines, l => l.Contains("web-0", StringComparison.Ordinal));
        Assert.StartsWith("\e[7m", web, StringComparison.Ordinal);
        Assert.Contains("running", web, StringComparison.Ordinal);
        Assert.Contains("1.0 MiB", web, StringComparison.Ordinal);
        Assert.Contains("1m05s", web, StringComparison.Ordinal);
        Assert.EndsWith("▁▅█\e[0m\e[K", web, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("worker-0", StringComparison.Ordinal) && l.Contains("backing-off", StringComparison.Ordinal));
    }

    [Fact]
    public void Sorting_keeps_the_selection_on_the_same_instance_and_histories_stay_bounded()
    {
        var state = new TopState();
        for (var i = 0; i < 50; i++)
        {
            state.Apply(Sample(i, 1L << 30));
        }

        state.Move(1);
        state.NextSort(); // by CPU: web first
        state.NextSort(); // by memory: worker first

        Assert.Equal(TopSort.Memory, state.Sort);
        Assert.Equal("worker", state.SelectedRow!.Name);
        Assert.Equal(0, state.Selected);
        Assert.Equal(TopState.SparklineLength, state.CpuHistory("web").Count);
    }
}
