using System.Diagnostics;

namespace ProcessManager.Kernel.Bench;

/// <summary>Ask round trips against an echo actor: sequential latency, then concurrent throughput.</summary>
internal static class AskLatency
{
    private sealed class Echo : ActorBase
    {
        protected override bool Receive(object message)
        {
            Sender.Tell(message, Self);
            return true;
        }
    }

    public sealed record Result(double P50Micros, double P99Micros, double SequentialCallsPerSecond, double ConcurrentCallsPerSecond);

    public static async Task<Result> RunAsync(ActorSystem system, int calls, int concurrency)
    {
        var echo = system.ActorOf(Props.Create<Echo>());
        var message = new object();
        var timeout = TimeSpan.FromSeconds(10);
        var samples = new double[calls];
        var total = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await echo.Ask<object>(message, timeout).ConfigureAwait(false);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        var sequential = calls / total.Elapsed.TotalSeconds;
        Array.Sort(samples);

        var echoes = Enumerable.Range(0, concurrency).Select(_ => system.ActorOf(Props.Create<Echo>())).ToArray();
        total.Restart();
        await Task.WhenAll(echoes.Select(async e =>
        {
            for (var i = 0; i < calls / concurrency; i++)
            {
                await e.Ask<object>(message, timeout).ConfigureAwait(false);
            }
        })).ConfigureAwait(false);
        var concurrent = concurrency * (calls / concurrency) / total.Elapsed.TotalSeconds;
        foreach (var actor in echoes.Append(echo))
        {
            system.Stop(actor);
        }

        return new Result(samples[calls / 2], samples[(int)(calls * 0.99)], sequential, concurrent);
    }
}
