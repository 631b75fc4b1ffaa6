using Akka.Actor;
using ProcessManager.Actors.Processes.Apps;
using ProcessManager.Actors.Processes.Events;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Processes.Supervision;
using ProcessManager.Actors.Processes.Supervisor;

namespace ProcessManager.Actors.Processes;

public sealed partial class ProcessSupervisor
{
    private void OnStartProcess(StartProcess start)
    {
        if (start.Spec is not { } spec)
        {
            Sender.Tell(new InvalidProcessSpec("spec", "missing"));
            return;
        }

        if (Validate(spec) is { } error)
        {
            Sender.Tell(error);
            return;
        }

        var replyTo = Sender;
        if (!_apps.TryGetValue(spec.Name, out var app))
        {
            Register(spec, DesiredState.Running, replyTo, entry => entry.Actor.Tell(new DeclareApp(spec, DesiredState.Running, Start: true), replyTo));
        }
        else if (app.Deleting)
        {
            replyTo.Tell(new CommandFailed($"'{spec.Name}' is being deleted"));
        }
        else if (app.Spec == spec)
        {
            app.Actor.Tell(new StartDeclaredProcess(spec.Name), replyTo);
        }
        else
        {
            app.Actor.Tell(new ReplaceSpec(spec, DesiredState.Running), replyTo);
        }
    }

    /// <summary>The spec's own checks, then the daemon's: a stop timeout longer than shutdown allows is refused.</summary>
    private InvalidProcessSpec? Validate(ProcessSpec spec)
    {
        if (spec.Validate() is [var error, ..])
        {
            return error;
        }

        return _settings.MaxStopTimeout is { } limit && spec.Stop.Timeout > limit
            ? new InvalidProcessSpec(
                "stop.timeout",
                $"{spec.Stop.Timeout} is longer than daemon shutdown gives programs ({limit}); lower it, or raise akka.coordinated-shutdown.phases.service-stop.timeout",
                spec.Origin)
            : null;
    }

    /// <summary>Has the app stop and retire its instances, then (in <see cref="OnAppDeletion"/>) unregisters it.</summary>
    private void Delete(AppEntry app, string reason, IActorRef? replyTo, TaskCompletionSource? done)
    {
        app.Deleting = true;
        var name = app.Spec!.Name;
        var timeout = _settings.CommandTimeout + app.Spec.Stop.Timeout + app.Spec.Stop.Timeout;
        AskCommandAsync(app.Actor, new RemoveApp(reason), timeout)
            .PipeTo(Self, Self, () => new AppDeletion(name, replyTo, done, null), error => new AppDeletion(name, replyTo, done, error));
    }

    private void OnAppDeletion(AppDeletion deletion)
    {
        if (deletion.Error is { } error)
        {
            if (_apps.TryGetValue(deletion.Name, out var app))
            {
                app.Deleting = false;
            }

            deletion.ReplyTo?.Tell(AppActor.Failure(error));
            deletion.Done?.TrySetException(error);
            return;
        }

        var mark = _rejections.Count;
        Persist(new AppUnregistered(deletion.Name), unregistered =>
        {
            if (_apps.Remove(unregistered.Name, out var app))
            {
                Context.Unwatch(app.Actor);
                Context.Stop(app.Actor);
            }

            Unregistered(unregistered);
            deletion.ReplyTo?.Tell(new ProcessDeleted(unregistered.Name));
            deletion.Done?.TrySetResult();
        });
        DeferAsync(deletion, _ =>
        {
            // The app recorded its deletion, the registry could not: a restarted daemon drops the empty registration.
            if (RefuseIfRejected(mark, deletion.ReplyTo, $"deleting '{deletion.Name}'", changed: true))
            {
                deletion.Done?.TrySetException(new ProcessCommandException(new JournalRefused($"deleting '{deletion.Name}'", _rejections.LastReason, true)));
            }
        });
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

            if (Validate(spec) is { } error)
            {
                Sender.Tell(error);
                return;
            }
        }

        ApplyPlan plan;
        try
        {
            var current = _apps.Where(pair => pair.Value.Spec is not null).ToDictionary(pair => pair.Key, pair => pair.Value.Spec!, StringComparer.Ordinal);
            plan = ConfigDiff.Compute(current, specs, apply.RemoveMissing, ApplyScope.Removable(apply));
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

        if (apply.DryRun)
        {
            Sender.Tell(plan.ToResult());
            return;
        }

        var replyTo = Sender;
        var mark = _rejections.Count;
        var added = plan.Added.ToDictionary(spec => spec.Name, StringComparer.Ordinal);
        PersistAll(plan.Added.Select(spec => new AppRegistered(spec.Name)), registered =>
        {
            var spec = added[registered.Name];
            _apps[registered.Name] = new AppEntry(StartAppActor(registered.Name), spec, spec.Autostart ? DesiredState.Running : DesiredState.Stopped);
            Registered(registered);
        });

        // Once every new app is registered: declare them, change, scale and remove the others, all at once.
        DeferAsync(plan, registeredPlan =>
        {
            if (RefuseIfRejected(mark, replyTo, $"adding {string.Join(", ", registeredPlan.Added.Select(spec => $"'{spec.Name}'"))} (nothing of the file was applied)"))
            {
                return;
            }

            var work = new List<Task>();
            foreach (var spec in registeredPlan.Added)
            {
                var desired = spec.Autostart ? DesiredState.Running : DesiredState.Stopped;
                work.Add(CommandAsync(_apps[spec.Name].Actor, new DeclareApp(spec, desired, spec.Autostart), spec));
            }

            foreach (var spec in registeredPlan.Changed)
            {
                work.Add(CommandAsync(_apps[spec.Name].Actor, new ReplaceSpec(spec, null), spec));
            }

            foreach (var spec in registeredPlan.ScaledOnly)
            {
                work.Add(CommandAsync(_apps[spec.Name].Actor, new ScaleProcess(spec.Name, spec.Instances), spec));
            }

            foreach (var name in registeredPlan.Removed)
            {
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Delete(_apps[name], "removed from config", null, done);
                work.Add(done.Task);
            }

            var result = registeredPlan.ToResult();
            Task.WhenAll(work).PipeTo(replyTo, Self, () => result, AppActor.Failure);
        });
    }

    /// <summary>Asks an app to carry out a command; its error reply fails the task with the app's message.</summary>
    private Task CommandAsync(IActorRef app, object command, ProcessSpec spec) =>
        AskCommandAsync(app, command, _settings.CommandTimeout + (4 * spec.Stop.Timeout));

    private static async Task AskCommandAsync(IActorRef app, object command, TimeSpan timeout)
    {
        var reply = await app.Ask<object>(command, timeout).ConfigureAwait(false);
        if (reply is IProcessCommandError error)
        {
            throw new ProcessCommandException(error);
        }
    }
}
