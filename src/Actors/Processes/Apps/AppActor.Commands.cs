using Akka.Actor;
using Akka.Event;
using ProcessManager.Actors.Processes.Events;
using ProcessManager.Actors.Processes.Instances;
using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Processes.Apps;

internal sealed partial class AppActor
{
    private void OnDeclare(DeclareApp declare)
    {
        var replyTo = Sender;
        if (_spec is not null)
        {
            replyTo.Tell(new CommandFailed($"'{_name}' is already declared"));
            return;
        }

        Record(new AppDeclared(declare.Spec, declare.Desired), () =>
        {
            var spec = declare.Spec;
            for (var index = 0; index < spec.Instances; index++)
            {
                AddInstance(spec, index);
            }

            if (declare.Start)
            {
                Start(replyTo);
            }
            else
            {
                replyTo.Tell(new ProcessCommandCompleted(_name, OrderedStatuses(spec)));
            }
        }, replyTo, () => Context.Parent.Tell(new AppDeclarationRefused(_name)));
    }

    private void SetDesired(DesiredState desired, Action then)
    {
        if (_desired == desired)
        {
            then();
        }
        else
        {
            Record(new DesiredStateChanged(desired), then);
        }
    }

    private void Start(IActorRef replyTo) => SetDesired(DesiredState.Running, () =>
        Completed(AskAll(_instances, () => new StartInstance("start requested"), SettleTimeout(_spec!)), replyTo));

    private void Stop(IActorRef replyTo) => SetDesired(DesiredState.Stopped, () =>
        Completed(AskAll(_instances, () => new StopInstance("stop requested"), SettleTimeout(_spec!)), replyTo));

    private void Restart(IActorRef replyTo) => SetDesired(DesiredState.Running, () =>
        Completed(RollingRestart([.. _instances], SettleTimeout(_spec!)), replyTo));

    /// <summary>One instance after the other, so that an app with several instances keeps serving.</summary>
    private static async Task<ProcessStatus[]> RollingRestart(IReadOnlyList<IActorRef> instances, TimeSpan timeout)
    {
        var statuses = new ProcessStatus[instances.Count];
        for (var i = 0; i < instances.Count; i++)
        {
            statuses[i] = await instances[i].Ask<ProcessStatus>(new RestartInstance("restart requested"), timeout).ConfigureAwait(false);
        }

        return statuses;
    }

    private void Replace(ProcessSpec spec, DesiredState? desired, IActorRef replyTo) =>
        SetDesired(desired ?? _desired, () => Record(new AppConfigChanged(spec), () => Completed(ChangeSpec(spec), replyTo)));

    private void OnScale(ProcessSpec current, int instances, IActorRef replyTo)
    {
        var spec = current with { Instances = instances };
        if (spec.Validate().FirstOrDefault(error => error.Field == "instances") is { } error)
        {
            replyTo.Tell(error);
            return;
        }

        Record(new AppConfigChanged(spec), () => Completed(Scale(spec), replyTo));
    }

    /// <summary>Restarts the instances with the new spec (scaling first if the count changed).</summary>
    private Task<ProcessStatus[]> ChangeSpec(ProcessSpec spec)
    {
        var run = _desired == DesiredState.Running;
        var keep = Math.Min(_instances.Count, spec.Instances);
        var timeout = SettleTimeout(spec) + SettleTimeout(spec);
        var updates = _instances.Take(keep)
            .Select(instance => instance.Ask<ProcessStatus>(new UpdateInstanceSpec(spec, run), timeout))
            .ToList();
        var scaled = Scale(spec);
        return Task.WhenAll(updates).ContinueWith(_ => scaled, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Adds or removes instances at the end; the others keep running untouched.</summary>
    private Task<ProcessStatus[]> Scale(ProcessSpec spec)
    {
        var timeout = SettleTimeout(spec);
        var started = new List<Task<ProcessStatus>>();
        var old = _instances.Count;
        for (var index = old; index < spec.Instances; index++)
        {
            var actor = AddInstance(spec, index);
            if (_desired == DesiredState.Running)
            {
                started.Add(actor.Ask<ProcessStatus>(new StartInstance("scaled up"), timeout));
            }
        }

        if (spec.Instances < old)
        {
            var extras = _instances.GetRange(spec.Instances, old - spec.Instances);
            _instances.RemoveRange(spec.Instances, old - spec.Instances);
            for (var index = spec.Instances; index < old; index++)
            {
                _statuses.Remove(index);
            }

            extras.ForEach(actor => Context.Unwatch(actor));
            Retire(extras, "scaled down", timeout).PipeTo(Self, Self, () => new StopInstanceActors(extras), _ => new StopInstanceActors(extras));
        }

        IReadOnlyList<IActorRef> current = [.. _instances];
        return Task.WhenAll(started).ContinueWith(
            _ => Task.WhenAll(current.Select(instance => instance.Ask<ProcessStatus>(GetInstanceStatus.Instance, timeout))),
            TaskScheduler.Default).Unwrap();
    }

    /// <summary>Stops the instances, then has each record that it is gone (they stop themselves).</summary>
    private static async Task Retire(IReadOnlyList<IActorRef> instances, string reason, TimeSpan timeout)
    {
        await AskAll(instances, () => new StopInstance(reason), timeout).ConfigureAwait(false);
        await Task.WhenAll(instances.Select(instance => instance.Ask<InstanceRetiredAck>(new RetireInstance(reason), timeout))).ConfigureAwait(false);
    }

    /// <summary>Stops every instance and retires it, then records the app deleted (its history stays).</summary>
    private void Remove(string reason, IActorRef replyTo)
    {
        var instances = _instances.ToList();
        instances.ForEach(actor => Context.Unwatch(actor));
        _instances.Clear();
        _statuses.Clear();
        Retire(instances, reason, SettleTimeout(_spec!)).PipeTo(Self, Self, () => new Retired(replyTo, null), error => new Retired(replyTo, error));
    }

    /// <summary>The supervisor refuses further commands for the app meanwhile (it is marked as being deleted).</summary>
    private void OnRetired(Retired retired)
    {
        if (retired.Error is { } error)
        {
            _log.Warning(error, "{0}: not every instance confirmed its removal", _name);
        }

        Record(new AppDeleted(), () => retired.ReplyTo.Tell(new AppRemoved(_name)), retired.ReplyTo);
    }

    private void OnShutdown(IActorRef replyTo)
    {
        var count = _instances.Count;
        var timeout = _spec is { } spec ? SettleTimeout(spec) : _settings.CommandTimeout;
        AskAll(_instances, () => new StopInstance("daemon shutting down"), timeout)
            .PipeTo(replyTo, Self, _ => new ProcessesShutDown(count), Failure);
    }

    /// <summary>How long an instance may take to settle after a command.</summary>
    private TimeSpan SettleTimeout(ProcessSpec spec) => _settings.CommandTimeout + spec.Stop.Timeout + spec.Stop.Timeout;

    private void Completed(Task<ProcessStatus[]> work, IActorRef replyTo)
    {
        var name = _name;
        work.PipeTo(replyTo, Self, statuses => new ProcessCommandCompleted(name, statuses), Failure);
    }

    private static Task<ProcessStatus[]> AskAll(IEnumerable<IActorRef> instances, Func<object> message, TimeSpan timeout) =>
        Task.WhenAll(instances.Select(instance => instance.Ask<ProcessStatus>(message(), timeout)));

    internal static IProcessCommandError Failure(Exception error) => error switch
    {
        ProcessCommandException command => command.Error,
        AggregateException { InnerExceptions: [ProcessCommandException command] } => command.Error,
        AskTimeoutException => new CommandFailed("an instance did not settle in time: " + error.Message),
        _ => new CommandFailed(error.Message),
    };

    private sealed record Retired(IActorRef ReplyTo, Exception? Error);
}
