namespace ProcessManager.Kernel;

/// <summary>Applies the directive to the failed child only. If more than maxNrOfRetries restarts of
/// that child occur within withinTimeRange, the child is stopped instead.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    public OneForOneStrategy(Func<Exception, Directive> decider)
        : this(-1, null, decider)
    {
    }

    public OneForOneStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider)
        : base(maxNrOfRetries, withinTimeRange, decider)
    {
    }

    internal override bool HandleFailure(ActorCell supervisor, IInternalActorRef child, Exception cause, Directive directive)
    {
        switch (directive)
        {
            case Directive.Resume:
                child.SendSystemMessage(new Resume(cause));
                return true;
            case Directive.Restart:
                if (RequestRestart(supervisor, child))
                {
                    child.SendSystemMessage(new Recreate(cause));
                }
                else
                {
                    supervisor.Stop(child);
                }

                return true;
            case Directive.Stop:
                supervisor.Stop(child);
                return true;
            default:
                return false;
        }
    }
}
