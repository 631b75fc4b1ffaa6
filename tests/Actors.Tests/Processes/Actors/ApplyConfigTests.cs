using ProcessManager.Actors.Processes.Protocol;
using Xunit;

namespace ProcessManager.Actors.Tests.Processes.Actors;

public sealed class ApplyConfigTests : ProcessSupervisorTestBase
{
    private static int? PidOf(ProcessList list, string fullName) => list.Processes.Single(p => p.FullName == fullName).Pid;

    [Fact]
    public void Apply_restarts_only_changed_apps_adds_new_ones_and_removes_missing_ones()
    {
        var supervisor = StartSupervisor();
        Command<ApplyResult>(supervisor, new ApplyConfig([Spec("a", "sleep", "300"), Spec("b", "sleep", "300")]));
        var before = Command<ProcessList>(supervisor, ListProcesses.Instance);
        Assert.All(before.Processes, p => Assert.Equal(ProcessState.Running, p.State));

        var result = Command<ApplyResult>(supervisor, new ApplyConfig([Spec("a", "sleep", "300"), Spec("b", "sleep", "301"), Spec("c", "sleep", "300")]));

        Assert.Equal(["c"], result.Added);
        Assert.Equal(["b"], result.Changed);
        Assert.Equal(["a"], result.Unchanged);
        Assert.Empty(result.Removed);
        var after = Command<ProcessList>(supervisor, ListProcesses.Instance);
        Assert.Equal(PidOf(before, "a-0"), PidOf(after, "a-0"));
        Assert.NotEqual(PidOf(before, "b-0"), PidOf(after, "b-0"));
        Assert.All(after.Processes, p => Assert.Equal(ProcessState.Running, p.State));

        var removal = Command<ApplyResult>(supervisor, new ApplyConfig([Spec("a", "sleep", "300")]));

        Assert.Equal(["b", "c"], removal.Removed);
        Assert.Equal(["a-0"], Command<ProcessList>(supervisor, ListProcesses.Instance).Processes.Select(p => p.FullName));
        Assert.False(IsAlive(PidOf(after, "b-0")!.Value));
    }

    [Fact]
    public void An_invalid_spec_in_apply_changes_nothing()
    {
        var supervisor = StartSupervisor();
        Command<ApplyResult>(supervisor, new ApplyConfig([Spec("a", "sleep", "300")]));

        var error = Command<InvalidProcessSpec>(supervisor, new ApplyConfig([Spec("a", "sleep", "301"), Spec("b")]));

        Assert.Equal("command", error.Field);
        var list = Command<ProcessList>(supervisor, ListProcesses.Instance);
        Assert.Equal(["a-0"], list.Processes.Select(p => p.FullName));
    }

    [Fact]
    public void Scaling_adds_and_removes_instances_without_touching_the_others()
    {
        var supervisor = StartSupervisor();
        var first = Command<ProcessCommandCompleted>(supervisor, new StartProcess(Spec("w", "sleep", "300"))).Instances[0].Pid;

        var up = Command<ProcessCommandCompleted>(supervisor, new ScaleProcess("w", 3));
        Assert.Equal(["w-0", "w-1", "w-2"], up.Instances.Select(i => i.FullName));
        Assert.All(up.Instances, i => Assert.Equal(ProcessState.Running, i.State));
        Assert.Equal(first, up.Instances[0].Pid);

        var down = Command<ProcessCommandCompleted>(supervisor, new ScaleProcess("w", 1));
        Assert.Equal(first, Assert.Single(down.Instances).Pid);
        AwaitCondition(() => !IsAlive(up.Instances[2].Pid!.Value), Patience, "w-2 is stopped", TestContext.Current.CancellationToken);
    }
}
