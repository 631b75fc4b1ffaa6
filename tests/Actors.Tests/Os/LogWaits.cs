using ProcessManager.Actors.Os.Logs;
using Xunit;

namespace ProcessManager.Actors.Tests.Os;

internal static class LogWaits
{
    /// <summary>Reads the follower until a line satisfies <paramref name="match"/>; fails after <see cref="OsTestScope.Patience"/>.</summary>
    public static async Task<LogLine> WaitForLineAsync(this LogFollower follower, Func<string, bool> match)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(OsTestScope.Patience);
        await foreach (var line in follower.ReadAllAsync(cts.Token))
        {
            if (match(line.Text))
            {
                return line;
            }
        }
        throw new InvalidOperationException("the log ended before the expected line arrived");
    }

    public static Task<LogLine> WaitForLineAsync(this LogFollower follower, string text) =>
        follower.WaitForLineAsync(t => t == text);

    /// <summary>Waits for the task, failing after <see cref="OsTestScope.Patience"/> or when the test is cancelled.</summary>
    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(OsTestScope.Patience, TestContext.Current.CancellationToken);

    public static Task Within(this Task task) => task.WaitAsync(OsTestScope.Patience, TestContext.Current.CancellationToken);

    /// <summary>Waits until the program's output is fully read and written to the files.</summary>
    public static async Task DrainedAsync(this Actors.Os.ChildProcess child, ProcessLog log)
    {
        await child.Exited.Within();
        await child.OutputCompleted.Within();
        await log.FlushAsync().Within();
    }
}
