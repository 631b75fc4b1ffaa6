using Microsoft.Extensions.Logging;

namespace ProcessManager.Kernel;

/// <summary>
/// Runtime state of one actor: instance, behaviors, children, watches, timers, stash. Everything
/// here runs on the actor's mailbox thread except the children container (locked, readable for
/// ActorOf from outside and for hierarchy snapshots) and the terminated flag.
/// </summary>
internal sealed partial class ActorCell : IActorContext, IMessageInvoker
{
    [ThreadStatic]
    private static ActorCell? t_current;

    /// <summary>The instance; null before creation, between restart steps and after termination.</summary>
    private ActorBase? _actor;

    /// <summary>Behaviors pushed by Become; empty means the actor's own Receive.</summary>
    private List<Receive>? _behaviorStack;

    /// <summary>The user message being processed (kept while an async handler is pending).</summary>
    private Envelope _current;

    private ILogger? _logger;

    public ActorCell(ActorSystem system, LocalActorRef self, Props props, IInternalActorRef parent, Mailbox mailbox)
    {
        System = system;
        SelfRef = self;
        Props = props;
        ParentRef = parent;
        Mailbox = mailbox;
    }

    /// <summary>The cell whose message is being processed on this thread, if any.</summary>
    internal static ActorCell? Current => t_current;

    public ActorSystem System { get; }

    public Props Props { get; }

    internal LocalActorRef SelfRef { get; }

    internal IInternalActorRef ParentRef { get; }

    internal Mailbox Mailbox { get; }

    public IActorRef Self => SelfRef;

    public IActorRef Parent => ParentRef;

    public IActorRef Sender => _current.Sender ?? System.DeadLetters;

    internal IActorRef? CurrentSender => _current.Sender;

    internal ActorBase? Actor => _actor;

    public void InvokeUser(Envelope envelope)
    {
        if (_state >= LifecycleState.Terminating)
        {
            ToDeadLetters(envelope);
            return;
        }

        var previous = t_current;
        t_current = this;
        _current = envelope;
        try
        {
            if (envelope.Message is AutoReceivedMessage auto)
            {
                HandleAutoReceived(auto);
            }
            else
            {
                ReceiveMessage(envelope.Message);
            }
        }
        catch (Exception ex)
        {
            HandleInvokeFailure(ex);
        }
        finally
        {
            t_current = previous;
            if (_asyncPending is null && _failure is null)
            {
                _current = default;
            }
        }
    }

    private void ReceiveMessage(object message)
    {
        var stack = _behaviorStack;
        var handled = stack is { Count: > 0 } ? stack[^1](message) : _actor!.InvokeReceive(message);
        if (!handled)
        {
            if (message is Identify identify)
            {
                Sender.Tell(new ActorIdentity(identify.MessageId, SelfRef), SelfRef);
                return;
            }

            _actor!.InvokeUnhandled(message);
        }
    }

    private void HandleAutoReceived(AutoReceivedMessage message)
    {
        switch (message)
        {
            case PoisonPill:
                SelfRef.SendSystemMessage(new Terminate());
                break;
            case Kill:
                throw new ActorKilledException("Kill");
            case DeliverTerminated deliver:
                if (_watching is not null && _watching.Remove(deliver.Actor, out var custom))
                {
                    ReceiveMessage(custom ?? new Terminated(deliver.Actor));
                }

                break;
            case TimerFired fired:
                if (_timers is not null && _timers.Accept(fired))
                {
                    ReceiveMessage(fired.Message);
                }

                break;
        }
    }

    public void InvokeSystem(SystemMessage message)
    {
        var previous = t_current;
        t_current = this;
        try
        {
            switch (message)
            {
                case Create:
                    HandleCreate();
                    break;
                case Terminate:
                    HandleTerminate();
                    break;
                case Suspend:
                    HandleSuspend();
                    break;
                case Resume resume:
                    HandleResume(resume.CausedByFailure);
                    break;
                case Recreate recreate:
                    HandleRecreate(recreate.Cause);
                    break;
                case Failed failed:
                    HandleFailed(failed);
                    break;
                case Watch watch:
                    HandleWatch(watch);
                    break;
                case Unwatch unwatch:
                    HandleUnwatch(unwatch);
                    break;
                case DeathWatchNotification notification:
                    HandleDeathWatchNotification(notification);
                    break;
                case AsyncHandlerCompleted completed:
                    HandleAsyncCompleted(completed);
                    break;
                case RunContinuation continuation:
                    RunContinuationOnActor(continuation);
                    break;
            }
        }
        catch (Exception ex)
        {
            HandleInvokeFailure(ex);
        }
        finally
        {
            t_current = previous;
        }
    }

    private void ToDeadLetters(Envelope envelope)
    {
        if (envelope.Message is DeliverTerminated or TimerFired)
        {
            return;
        }

        System.DeadLetterRef.Deliver(envelope.Message, envelope.Sender, SelfRef);
    }

    public void Become(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        var stack = _behaviorStack ??= [];
        if (stack.Count > 0)
        {
            stack[^1] = receive;
        }
        else
        {
            stack.Add(receive);
        }
    }

    public void BecomeStacked(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        (_behaviorStack ??= []).Add(receive);
    }

    public void UnbecomeStacked()
    {
        if (_behaviorStack is { Count: > 0 } stack)
        {
            stack.RemoveAt(stack.Count - 1);
        }
    }

    public void Unbecome() => UnbecomeStacked();

    public ILogger GetLogger() => _logger ??= new ActorLogger(
        System, System.LoggerFactory.CreateLogger(Props.ActorType.FullName ?? Props.ActorType.Name), SelfRef.Path.ToString(), Props.ActorType);

    internal void PublishUnhandled(object message) =>
        System.EventStream.Publish(new UnhandledMessage(message, _current.Sender, SelfRef));

    public override string ToString() => $"ActorCell[{SelfRef.Path}]";
}
