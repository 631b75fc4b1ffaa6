using System.Diagnostics;

namespace ProcessManager.EndToEnd.Tests;

public sealed class LogTests
{
    [Fact]
    public async Task Tail_shows_the_last_lines_and_follow_streams_until_ctrl_c()
    {
        await using var home = new PbmHome();
        (await home.PbmAsync("daemon", "start")).ShouldSucceed();
        (await home.PbmAsync("process", "start", "talker", "--", "sh", "-c", "i=0; while true; do i=$((i+1)); echo line-$i; sleep 0.1; done")).ShouldSucceed();

        using var follow = Process.Start(home.StartInfo(Built.Pbm, ["log", "follow", "talker", "-n", "0"]))!;
        using var timeout = new CancellationTokenSource(Built.Scaled(30));
        var first = await follow.StandardOutput.ReadLineAsync(timeout.Token);
        var second = await follow.StandardOutput.ReadLineAsync(timeout.Token);
        Signals.Send(follow.Id, Signals.SigInt);
        await follow.WaitForExitAsync(timeout.Token);

        Assert.Matches("^line-[0-9]+$", first);
        Assert.Matches("^line-[0-9]+$", second);
        Assert.Equal(0, follow.ExitCode);
        Assert.DoesNotContain("Exception", await follow.StandardError.ReadToEndAsync(timeout.Token), StringComparison.Ordinal);

        var tail = (await home.PbmAsync("log", "tail", "talker", "-n", "3")).ShouldSucceed();
        Assert.Equal(3, tail.Lines.Count);
        Assert.All(tail.Lines, line => Assert.Matches("^line-[0-9]+$", line));

        (await home.PbmAsync("log", "flush")).ShouldSucceed();
        var traversal = await home.PbmAsync("log", "tail", "../../etc/passwd");
        Assert.Equal(2, traversal.ExitCode);
    }
}
