namespace ProcessManager.Kernel;

/// <summary>The /user and /system guardians: parents of top-level actors, default supervision.</summary>
internal sealed class GuardianActor : ActorBase
{
    protected override bool Receive(object message) => false;
}
