using ProcessManager.Actors.Processes.Instances;
using ProcessManager.Actors.Processes.Journal;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Processes.Supervision;
using ProcessManager.Actors.Processes.Supervisor;
using ProcessManager.Kernel;

namespace ProcessManager.Actors.Processes;

public sealed partial class ProcessSupervisor
{
    private void OnStartProcess(StartProcess start)
    {
        var spec = start.Spec;
        if (spec is null)
        {
            Sender.Tell(new InvalidProcessSpec("spec", "missing"));
            return;
        }

        if (spec.Validate() is [var error, ..])
        {
            Sender.Tell(error);
            return;
        }

        if (!_apps.TryGetValue(spec.Name, out var app))
        {
            app = Declare(spec, DesiredState.Running);
            StartApp(app, Sender);
            return;
        }

        if (app.Deleting)
        {
            Sender.Tell(new CommandFailed($"'{spec.Name}' is being deleted"));
            return;
        }

        if (app.Spec == spec)
        {
            StartApp(app, Sender);
            return;
        }

        var name = spec.Name;
        SetDesired(app, DesiredState.Running);
        Durable(ChangeSpec(app, spec)).PipeTo(Sender, Self, statuses => new ProcessCommandCompleted(name, statuses), Failure);
    }

    private DeclaredApp Declare(ProcessSpec spec, DesiredState desired, IReadOnlyList<InstanceRecovery>? recovery = null, bool record = true)
    {
        var app = new DeclaredApp(spec, desired);
        _apps[spec.Name] = app;
        if (record)
        {
            _journal.Record(AppId(spec.Name), new AppDeclared(spec, desired));
        }

        for (var index = 0; index < spec.Instances; index++)
        {
            AddInstance(app, index, recovery is not null && index < recovery.Count ? recovery[index] : InstanceRecovery.None);
        }

        return app;
    }

    private IActorRef AddInstance(DeclaredApp app, int index, InstanceRecovery recovery)
    {
        var spec = app.Spec;
        var name = spec.InstanceName(index);
        if (!Context.Child(name).IsNobody())
        {
            // The previous actor of that name is still terminating (scale down then up again quickly).
            name = $"{name}~{Guid.NewGuid():N}";
        }

        var actor = Context.ActorOf(InstanceActor.Props(spec, index, _settings, _journal, _delayPolicy, recovery), name);
        app.Instances.Add(actor);
        return actor;
    }

    private void SetDesired(DeclaredApp app, DesiredState desired)
    {
        if (app.Desired != desired)
        {
            app.Desired = desired;
            _journal.Record(AppId(app.Spec.Name), new DesiredStateChanged(desired));
        }
    }

    private void StartApp(DeclaredApp app, IActorRef replyTo)
    {
        SetDesired(app, DesiredState.Running);
        var name = app.Spec.Name;
        Durable(AskAll(app.Instances, () => new StartInstance("start requested"), SettleTimeout(app.Spec)))
            .PipeTo(replyTo, Self, statuses => new ProcessCommandCompleted(name, statuses), Failure);
    }

    private void StopApp(DeclaredApp app, IActorRef replyTo)
    {
        SetDesired(app, DesiredState.Stopped);
        var name = app.Spec.Name;
        Durable(AskAll(app.Instances, () => new StopInstance("stop requested"), SettleTimeout(app.Spec)))
            .PipeTo(replyTo, Self, statuses => new ProcessCommandCompleted(name, statuses), Failure);
    }

    private void RestartApp(DeclaredApp app, IActorRef replyTo)
    {
        SetDesired(app, DesiredState.Running);
        var name = app.Spec.Name;
        var timeout = SettleTimeout(app.Spec);
        IReadOnlyList<IActorRef> instances = [.. app.Instances];
        Durable(RollingRestart(instances, timeout)).PipeTo(replyTo, Self, statuses => new ProcessCommandCompleted(name, statuses), Failure);
    }

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

    /// <summary>Stops every instance of the app, then (in <see cref="OnAppStoppedForDeletion"/>) forgets it.</summary>
    private void RemoveApp(DeclaredApp app, string reason, IActorRef? replyTo, TaskCompletionSource? done)
    {
        app.Deleting = true;
        var name = app.Spec.Name;
        AskAll(app.Instances, () => new StopInstance(reason), SettleTimeout(app.Spec))
            .PipeTo(Self, Self, _ => new AppStoppedForDeletion(name, replyTo, done), _ => new AppStoppedForDeletion(name, replyTo, done));
    }

    private void OnAppStoppedForDeletion(AppStoppedForDeletion deleted)
    {
        if (_apps.Remove(deleted.Name, out var app))
        {
            foreach (var instance in app.Instances)
            {
                Context.Stop(instance);
            }

            _journal.Record(AppId(deleted.Name), new AppDeleted());
        }

        var done = deleted.Done;
        if (deleted.ReplyTo is { } replyTo)
        {
            var name = deleted.Name;
            _journal.FlushAsync().PipeTo(replyTo, Self, () => new ProcessDeleted(name), Failure);
        }

        done?.TrySetResult();
    }

    private void OnScale(ScaleProcess scale) => WithApp(scale.Name, app =>
    {
        var spec = app.Spec with { Instances = scale.Instances };
        if (spec.Validate().FirstOrDefault(error => error.Field == "instances") is { } error)
        {
            Sender.Tell(error);
            return;
        }

        _journal.Record(AppId(app.Spec.Name), new AppConfigChanged(spec));
        var name = app.Spec.Name;
        Durable(Scale(app, spec)).PipeTo(Sender, Self, statuses => new ProcessCommandCompleted(name, statuses), Failure);
    });

    /// <summary>Adds or removes instances at the end; the others keep running untouched.</summary>
    private Task<ProcessStatus[]> Scale(DeclaredApp app, ProcessSpec spec)
    {
        app.Spec = spec;
        var timeout = SettleTimeout(spec);
        var tasks = new List<Task<ProcessStatus>>();
        var old = app.Instances.Count;
        for (var index = old; index < spec.Instances; index++)
        {
            var actor = AddInstance(app, index, InstanceRecovery.None);
            if (app.Desired == DesiredState.Running)
            {
                tasks.Add(actor.Ask<ProcessStatus>(new StartInstance("scaled up"), timeout));
            }
        }

        if (spec.Instances < old)
        {
            var extras = app.Instances.GetRange(spec.Instances, old - spec.Instances);
            app.Instances.RemoveRange(spec.Instances, old - spec.Instances);
            for (var index = spec.Instances; index < old; index++)
            {
                app.Statuses.Remove(index);
            }

            AskAll(extras, () => new StopInstance("scaled down"), timeout)
                .PipeTo(Self, Self, _ => new StopInstanceActors(extras), _ => new StopInstanceActors(extras));
        }

        IReadOnlyList<IActorRef> current = [.. app.Instances];
        return Task.WhenAll(tasks).ContinueWith(
            _ => Task.WhenAll(current.Select(instance => instance.Ask<ProcessStatus>(GetInstanceStatus.Instance, timeout))),
            TaskScheduler.Default).Unwrap();
    }

    /// <summary>Restarts the app's instances with a new spec (scaling first if the count changed).</summary>
    private Task<ProcessStatus[]> ChangeSpec(DeclaredApp app, ProcessSpec spec)
    {
        _journal.Record(AppId(spec.Name), new AppConfigChanged(spec));
        var run = app.Desired == DesiredState.Running;
        var keep = Math.Min(app.Instances.Count, spec.Instances);
        var timeout = SettleTimeout(app.Spec) + SettleTimeout(spec);
        var updates = app.Instances.Take(keep)
            .Select(instance => instance.Ask<ProcessStatus>(new UpdateInstanceSpec(spec, run), timeout))
            .ToList();
        var scaled = Scale(app, spec);
        return Task.WhenAll(updates).ContinueWith(_ => scaled, TaskScheduler.Default).Unwrap();
    }

    private void OnApply(ApplyConfig apply)
    {
        var specs = apply.Specs ?? [];
        foreach (var spec in specs)
        {
            if (spec is null)
            {
                Sender.Tell(new InvalidProcessSpec("specs", "a spec is missing (null)"));
                return;
            }

            if (spec.Validate() is [var error, ..])
            {
                Sender.Tell(error);
                return;
            }
        }

        ApplyPlan plan;
        try
        {
            plan = ConfigDiff.Compute(_apps.ToDictionary(pair => pair.Key, pair => pair.Value.Spec, StringComparer.Ordinal), specs, apply.RemoveMissing);
        }
        catch (ArgumentException error)
        {
            Sender.Tell(new InvalidProcessSpec("name", error.Message));
            return;
        }

        if (plan.Removed.Concat(plan.Changed.Select(spec => spec.Name)).Concat(plan.ScaledOnly.Select(spec => spec.Name))
            .FirstOrDefault(name => _apps[name].Deleting) is { } deleting)
        {
            Sender.Tell(new CommandFailed($"'{deleting}' is being deleted"));
            return;
        }

        var work = new List<Task>();
        foreach (var spec in plan.Added)
        {
            var app = Declare(spec, spec.Autostart ? DesiredState.Running : DesiredState.Stopped);
            if (spec.Autostart)
            {
                work.Add(AskAll(app.Instances, () => new StartInstance("config applied"), SettleTimeout(spec)));
            }
        }

        foreach (var spec in plan.Changed)
        {
            work.Add(ChangeSpec(_apps[spec.Name], spec));
        }

        foreach (var spec in plan.ScaledOnly)
        {
            _journal.Record(AppId(spec.Name), new AppConfigChanged(spec));
            work.Add(Scale(_apps[spec.Name], spec));
        }

        foreach (var name in plan.Removed)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            RemoveApp(_apps[name], "removed from config", null, done);
            work.Add(done.Task);
        }

        var result = plan.ToResult();
        Durable(ThenAsync(Task.WhenAll(work), result)).PipeTo(Sender, Self, r => r, Failure);
    }

    private void OnShutdown()
    {
        var instances = _apps.Values.SelectMany(app => app.Instances.Select(instance => (instance, app.Spec))).ToList();
        Task.WhenAll(instances.Select(pair => pair.instance.Ask<ProcessStatus>(new StopInstance("daemon shutting down"), SettleTimeout(pair.Spec))))
            .ContinueWith(_ => _journal.FlushAsync(), TaskScheduler.Default).Unwrap()
            .PipeTo(Sender, Self, () => new ProcessesShutDown(instances.Count), Failure);
    }

    /// <summary>The reply waits until the events the command recorded are in the journal.</summary>
    private Task<T> Durable<T>(Task<T> work) => DurableAsync(work, _journal);

    private static async Task<T> DurableAsync<T>(Task<T> work, JournalWriter journal)
    {
        var result = await work.ConfigureAwait(false);
        await journal.FlushAsync().ConfigureAwait(false);
        return result;
    }

    private static async Task<T> ThenAsync<T>(Task work, T result)
    {
        await work.ConfigureAwait(false);
        return result;
    }

    private static Task<ProcessStatus[]> AskAll(IEnumerable<IActorRef> instances, Func<object> message, TimeSpan timeout) =>
        Task.WhenAll(instances.Select(instance => instance.Ask<ProcessStatus>(message(), timeout)));

    private static CommandFailed Failure(Exception error) => error switch
    {
        AskTimeoutException => new CommandFailed("an instance did not settle in time: " + error.Message),
        _ => new CommandFailed(error.Message),
    };

}
