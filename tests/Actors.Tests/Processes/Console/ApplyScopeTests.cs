using Xunit;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Processes.Supervision;

namespace ProcessManager.Actors.Tests.Processes.Console;

public sealed class ApplyScopeTests
{
    private static ProcessSpec Spec(string name, string? file) => new() { Name = name, Argv = ["sleep", "1"], SourceFile = file };

    private static Dictionary<string, ProcessSpec> Current(params ProcessSpec[] specs) => specs.ToDictionary(spec => spec.Name, StringComparer.Ordinal);

    [Fact]
    public void An_apply_of_a_file_removes_only_the_missing_apps_that_file_declared_and_keeps_the_others()
    {
        var current = Current(Spec("mine", "/srv/a.conf"), Spec("other", "/srv/b.conf"), Spec("by-hand", null), Spec("stays", "/srv/a.conf"));
        var apply = new ApplyConfig([Spec("stays", "/srv/a.conf")], SourceFile: "/srv/a.conf");

        var plan = ConfigDiff.Compute(current, apply.Specs, apply.RemoveMissing, ApplyScope.Removable(apply));

        Assert.Equal(["mine"], plan.Removed);
        Assert.Equal(["by-hand", "other"], plan.Kept);
        Assert.Equal(["stays"], plan.Unchanged);
    }

    [Fact]
    public void Prune_or_no_file_removes_every_missing_app()
    {
        var current = Current(Spec("mine", "/srv/a.conf"), Spec("by-hand", null));
        var pruning = new ApplyConfig([], SourceFile: "/srv/a.conf", Prune: true);

        Assert.Null(ApplyScope.Removable(pruning));
        Assert.Null(ApplyScope.Removable(new ApplyConfig([])));
        Assert.Equal(["by-hand", "mine"], ConfigDiff.Compute(current, [], true, ApplyScope.Removable(pruning)).Removed);
    }

    [Fact]
    public void The_source_file_is_not_part_of_a_specs_equality_so_moving_an_app_does_not_restart_it()
    {
        Assert.Equal(Spec("a", "/srv/a.conf"), Spec("a", "/srv/b.conf"));
    }
}
