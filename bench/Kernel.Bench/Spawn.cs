using System.Diagnostics;

namespace ProcessManager.Kernel.Bench;

/// <summary>Creates N idle actors, measures heap per actor, then stops them all.</summary>
internal static class Spawn
{
    private sealed class Idle(CountdownEvent started, CountdownEvent stopped) : ActorBase
    {
        protected override void PreStart() => started.Signal();

        protected override void PostStop() => stopped.Signal();

        protected override bool Receive(object message) => false;
    }

    public sealed record Result(double CreateCallsSeconds, double CreatedAndStartedSeconds, double StopSeconds, double BytesPerActor);

    public static Result Run(ActorSystem system, int count)
    {
        using var started = new CountdownEvent(count);
        using var stopped = new CountdownEvent(count);
        var props = Props.Create(() => new Idle(started, stopped));
        var refs = new IActorRef[count];
        var parent = system.ActorOf(Props.Create<Holder>());
        var holderCell = parent;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(true);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            refs[i] = system.ActorOf(props);
        }

        var calls = watch.Elapsed.TotalSeconds;
        started.Wait();
        var createdAndStarted = watch.Elapsed.TotalSeconds;
        var after = GC.GetTotalMemory(true);
        // The refs array is the benchmark's own, not the kernel's.
        var bytesPerActor = (after - before - ((long)IntPtr.Size * count)) / (double)count;

        watch.Restart();
        foreach (var actor in refs)
        {
            system.Stop(actor);
        }

        stopped.Wait();
        var stop = watch.Elapsed.TotalSeconds;
        system.Stop(holderCell);
        GC.KeepAlive(refs);
        return new Result(calls, createdAndStarted, stop, bytesPerActor);
    }

    private sealed class Holder : ActorBase
    {
        protected override bool Receive(object message) => false;
    }
}
