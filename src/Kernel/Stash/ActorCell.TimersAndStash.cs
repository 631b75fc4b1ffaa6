namespace ProcessManager.Kernel;

internal sealed partial class ActorCell
{
    private TimerScheduler? _timers;

    private ActorStash? _stash;

    internal Envelope CurrentEnvelope => _current;

    /// <summary>Called from the ActorBase constructor, so timers and stash work in constructors.</summary>
    internal void AttachTimersAndStash(ActorBase actor)
    {
        if (actor is IWithTimers withTimers)
        {
            withTimers.Timers = _timers ??= new TimerScheduler(this);
        }

        if (actor is IWithStash withStash)
        {
            withStash.Stash = _stash ??= new ActorStash(this, Props.StashCapacity ?? System.Settings.StashCapacity);
        }
    }
}
