using System.Text.RegularExpressions;
using ProcessManager.Actors.Processes.Protocol;
using Xunit;

namespace ProcessManager.Actors.Tests.Processes.Actors;

public sealed partial class LogSettingsChangeTests : ProcessSupervisorTestBase
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z after$")]
    private static partial Regex StampedAfter();

    [Fact]
    public void New_log_settings_take_effect_at_the_next_spawn_of_the_instance()
    {
        var supervisor = StartSupervisor();
        var before = Spec("stamped", "sh", "-c", "echo before; exec sleep 300");
        var file = Path.Combine(Settings.LogDirectory, "stamped-0.out.log");
        Command<ProcessCommandCompleted>(supervisor, new StartProcess(before));
        AwaitCondition(() => FileLines(supervisor, file).Contains("before"), Patience, "the first program's line is on disk", TestContext.Current.CancellationToken);

        var after = before with
        {
            Argv = ["sh", "-c", "echo after; exec sleep 300"],
            Logs = before.Logs with { Timestamps = true, MaxFileBytes = 4096, MaxFiles = 1 },
        };
        Command<ProcessCommandCompleted>(supervisor, new StartProcess(after));

        AwaitCondition(() => FileLines(supervisor, file).Any(line => line.EndsWith("after", StringComparison.Ordinal)), Patience, "the new program's line is on disk", TestContext.Current.CancellationToken);
        var lines = FileLines(supervisor, file);
        Assert.Equal("before", lines[0]);
        Assert.Matches(StampedAfter(), Assert.Single(lines, line => line.EndsWith("after", StringComparison.Ordinal)));
        Assert.Equal(["after"], Command<LogLines>(supervisor, new TailLog("stamped", 0, 10)).Lines.Select(l => l.Text));

        Command<ProcessCommandCompleted>(supervisor, new StopProcess("stamped"));
    }

    private static string[] FileLines(Akka.Actor.IActorRef supervisor, string file)
    {
        Command<LogsFlushed>(supervisor, FlushLogs.Instance);
        return File.Exists(file) ? File.ReadAllLines(file) : [];
    }
}
