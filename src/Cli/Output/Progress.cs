using System.Diagnostics;
using ProcessManager.Cli.Infrastructure;

namespace ProcessManager.Cli.Output;

/// <summary>
/// Progress of a long operation on stderr, only when stderr is a terminal: the elapsed time, and how many programs
/// reached running (counted from the daemon's event stream) while the operation is under way.
/// </summary>
internal static class Progress
{
    /// <summary>Runs <paramref name="operation"/>, showing progress meanwhile.</summary>
    public static async Task<T> RunAsync<T>(CommandContext context, string what, Func<CancellationToken, Task<T>> operation)
    {
        if (!context.IO.IsErrorTerminal)
        {
            return await operation(context.Cancellation).ConfigureAwait(false);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
        var started = 0;
        var events = CountStartsAsync(context, () => Interlocked.Increment(ref started), stop.Token);
        var watch = Stopwatch.StartNew();
        var task = operation(context.Cancellation);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (!task.IsCompleted)
        {
            context.IO.Error.Write($"\r{what}: {Volatile.Read(ref started)} started, {watch.Elapsed.TotalSeconds:0.0}s ");
            await Task.WhenAny(task, timer.WaitForNextTickAsync(stop.Token).AsTask()).ConfigureAwait(false);
        }

        context.IO.Error.Write($"\r{what}: {Volatile.Read(ref started)} started, {watch.Elapsed.TotalSeconds:0.0}s\n");
        await stop.CancelAsync().ConfigureAwait(false);
        await events.ConfigureAwait(false);
        return await task.ConfigureAwait(false);
    }

    private static async Task CountStartsAsync(CommandContext context, Action started, CancellationToken cancellation)
    {
        try
        {
            await foreach (var e in context.Client.EventsAsync(cancellation).ConfigureAwait(false))
            {
                if (e.Status == "running")
                {
                    started();
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or Contracts.Client.PbmApiException)
        {
            // Progress is best effort: the operation's own answer is what counts.
        }
    }
}
