using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Tests.Pm2;

/// <summary><c>pbm process signal NAME SIGNAL</c>: what it sends, what it prints, and an error when no program got it.</summary>
public sealed class SignalCommandTests
{
    [Fact]
    public async Task A_signal_names_the_programs_that_got_it_and_none_running_exits_non_zero()
    {
        var runner = new PbmRunner();
        runner.Client.Processes.Add(new Contracts.Dtos.ProcessStatus("web", "running", 42, 0, 0, null, null));
        runner.Client.Processes.Add(new Contracts.Dtos.ProcessStatus("idle", "stopped", null, 0, 0, null, null));

        Assert.Equal(ExitCodes.Ok, await runner.RunAsync("process", "signal", "web", "HUP"));
        Assert.Equal(["signal web HUP"], runner.Client.Calls);
        Assert.Equal("sent SIGHUP to web-0 (pid 42)\n", runner.Console.Output);

        var idle = new PbmRunner();
        idle.Client.Processes.Add(new Contracts.Dtos.ProcessStatus("idle", "stopped", null, 0, 0, null, null));
        Assert.Equal(ExitCodes.Error, await idle.RunAsync("process", "signal", "idle", "USR1"));
        Assert.Contains("no running program", idle.Console.Errors, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, await new PbmRunner().RunAsync("process", "signal", "web"));
    }
}
