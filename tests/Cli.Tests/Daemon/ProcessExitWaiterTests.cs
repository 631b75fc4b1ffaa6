using System.Diagnostics;
using ProcessManager.Cli.Commands.Daemon;

namespace ProcessManager.Cli.Tests.Daemon;

/// <summary>pbm daemon stop waits for the daemon's exit on a pidfd.</summary>
public sealed class ProcessExitWaiterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Returns_true_when_the_process_exits_and_false_while_it_still_runs_at_the_timeout()
    {
        using var running = Process.Start("sleep", "30");
        try
        {
            Assert.False(await ProcessExitWaiter.WaitAsync(running.Id, TimeSpan.FromMilliseconds(100), Ct));

            running.Kill();
            Assert.True(await ProcessExitWaiter.WaitAsync(running.Id, TimeSpan.FromSeconds(30), Ct));
        }
        finally
        {
            if (!running.HasExited)
            {
                running.Kill();
            }
        }
    }

    [Fact]
    public async Task A_process_that_is_already_gone_has_exited()
    {
        using var done = Process.Start("true");
        await done.WaitForExitAsync(Ct);

        Assert.True(await ProcessExitWaiter.WaitAsync(done.Id, TimeSpan.FromSeconds(30), Ct));
    }
}
