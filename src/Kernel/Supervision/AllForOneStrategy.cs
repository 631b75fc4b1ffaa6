namespace ProcessManager.Kernel;

/// <summary>Applies Restart and Stop to all children of the supervisor, Resume to the failed one.
/// If any child exceeds maxNrOfRetries within withinTimeRange, all children are stopped.</summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    public AllForOneStrategy(Func<Exception, Directive> decider)
        : this(-1, null, decider)
    {
    }

    public AllForOneStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider)
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
                var children = supervisor.LiveChildren();
                var allowed = true;
                foreach (var sibling in children)
                {
                    allowed &= RequestRestart(supervisor, sibling);
                }

                foreach (var sibling in children)
                {
                    if (allowed)
                    {
                        sibling.SendSystemMessage(new Recreate(cause));
                    }
                    else
                    {
                        supervisor.Stop(sibling);
                    }
                }

                return true;
            case Directive.Stop:
                foreach (var sibling in supervisor.LiveChildren())
                {
                    supervisor.Stop(sibling);
                }

                return true;
            default:
                return false;
        }
    }
}
