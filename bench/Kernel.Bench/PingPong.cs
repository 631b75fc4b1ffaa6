namespace ProcessManager.Kernel.Bench;

/// <summary>Pairs of actors bouncing a message; each pair keeps a window of messages in flight.</summary>
internal static class PingPong
{
    private sealed class Ball
    {
        public static readonly Ball Instance = new();
    }

    private sealed record Start(IActorRef Pong, long Total, int InFlight, TaskCompletionSource Done);

    private sealed class Pong : ActorBase
    {
        protected override bool Receive(object message)
        {
            Sender.Tell(message, Self);
            return true;
        }
    }

    private sealed class Ping : ActorBase
    {
        private IActorRef _pong = ActorRefs.Nobody;
        private long _toSend;
        private long _toReceive;
        private TaskCompletionSource? _done;

        protected override bool Receive(object message)
        {
            if (ReferenceEquals(message, Ball.Instance))
            {
                if (_toSend > 0)
                {
                    _toSend--;
                    _pong.Tell(Ball.Instance, Self);
                }

                if (--_toReceive == 0)
                {
                    _done!.SetResult();
                }

                return true;
            }

            if (message is Start start)
            {
                _pong = start.Pong;
                _toReceive = start.Total;
                _toSend = start.Total - start.InFlight;
                _done = start.Done;
                for (var i = 0; i < start.InFlight; i++)
                {
                    _pong.Tell(Ball.Instance, Self);
                }

                return true;
            }

            return false;
        }
    }

    /// <summary>Messages per wall-clock second (both directions) and per CPU-second of this process
    /// (less sensitive to other processes on a shared machine).</summary>
    public sealed record Result(double PerSecond, double PerCpuSecond);

    public static Result Run(ActorSystem system, int pairs, long roundTripsPerPair, int inFlight)
    {
        var pings = new IActorRef[pairs];
        var pongs = new IActorRef[pairs];
        for (var i = 0; i < pairs; i++)
        {
            pings[i] = system.ActorOf(Props.Create<Ping>());
            pongs[i] = system.ActorOf(Props.Create<Pong>());
        }

        var done = Enumerable.Range(0, pairs).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var started = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < pairs; i++)
        {
            pings[i].Tell(new Start(pongs[i], roundTripsPerPair, inFlight, done[i]), ActorRefs.NoSender);
        }

        Task.WaitAll(done.Select(d => d.Task).ToArray());
        var seconds = started.Elapsed.TotalSeconds;
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        foreach (var actor in pings.Concat(pongs))
        {
            system.Stop(actor);
        }

        var messages = 2.0 * pairs * roundTripsPerPair;
        return new Result(messages / seconds, messages / cpuSeconds);
    }
}
