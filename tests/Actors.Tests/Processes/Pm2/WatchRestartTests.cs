using ProcessManager.Actors.Processes.Events;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Tests.Processes.Actors;
using Xunit;

namespace ProcessManager.Actors.Tests.Processes.Pm2;

/// <summary>An app with watch restarts when its files change, like a restart by hand, with the reason "watch"; a stopped one does not.</summary>
public sealed class WatchRestartTests : ProcessSupervisorTestBase
{
    [Fact]
    public async Task A_changed_file_restarts_the_app_with_reason_watch_journaled_and_a_stopped_app_stays_stopped()
    {
        var folder = Home.File("app");
        Directory.CreateDirectory(folder);
        var supervisor = StartSupervisor();
        var spec = Spec("web", "sleep", "300") with { WorkingDirectory = folder, Watch = [], WatchDebounce = TimeSpan.FromMilliseconds(100) };

        Command<ProcessCommandCompleted>(supervisor, new StartProcess(spec));
        var first = ExpectState("web-0", ProcessState.Running);

        // The watcher starts off the mailbox: keep changing the file until a restart is seen.
        using var writing = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var version = 0; !writing.IsCancellationRequested; version++)
            {
                await File.WriteAllTextAsync(Path.Combine(folder, "app.js"), "v" + version, CancellationToken.None);
                await Task.Delay(300, writing.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }, TestContext.Current.CancellationToken);
        var stopping = Events.FishForMessage<ProcessStateChanged>(
            e => e.FullName == "web-0" && e.State == ProcessState.Stopping,
            Patience,
            cancellationToken: TestContext.Current.CancellationToken);
        await writing.CancelAsync();
        await writer;

        Assert.NotNull(stopping);
        Assert.StartsWith("watch: app.js changed", stopping.Reason, StringComparison.Ordinal);
        var second = ExpectState("web-0", ProcessState.Running);
        Assert.NotEqual(first.Status.Pid, second.Status.Pid);
        Assert.Equal(0, second.Status.Restarts);
        Assert.Contains(await JournalEventsAsync(PersistenceIds.App("web")), e => e is WatchRestart { FirstPath: "app.js" });

        Command<ProcessCommandCompleted>(supervisor, new StopProcess("web"));
        ExpectState("web-0", ProcessState.Stopped);
        await File.WriteAllTextAsync(Path.Combine(folder, "app.js"), "after stop", TestContext.Current.CancellationToken);
        var after = Events.ReceiveWhile(TimeSpan.FromSeconds(2), message => message as ProcessStateChanged, cancellationToken: TestContext.Current.CancellationToken);
        Assert.DoesNotContain(after, e => e?.State == ProcessState.Starting);
        Assert.Equal(ProcessState.Stopped, Command<ProcessList>(supervisor, ListProcesses.Instance).Processes.Single().State);
    }
}
