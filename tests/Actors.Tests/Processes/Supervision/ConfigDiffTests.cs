using Xunit;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Processes.Supervision;

namespace ProcessManager.Actors.Tests.Processes.Supervision;

public sealed class ConfigDiffTests
{
    private static ProcessSpec Spec(string name, params string[] argv) => new() { Name = name, Argv = argv };

    private static Dictionary<string, ProcessSpec> Current(params ProcessSpec[] specs) =>
        specs.ToDictionary(spec => spec.Name, StringComparer.Ordinal);

    [Fact]
    public void Classifies_added_changed_removed_and_unchanged()
    {
        var current = Current(Spec("a", "sleep", "1"), Spec("b", "sleep", "2"), Spec("c", "sleep", "3"));
        ProcessSpec[] desired = [Spec("a", "sleep", "1"), Spec("b", "sleep", "20"), Spec("d", "sleep", "4")];

        var plan = ConfigDiff.Compute(current, desired, removeMissing: true);

        Assert.Equal(["d"], plan.Added.Select(s => s.Name));
        Assert.Equal(["b"], plan.Changed.Select(s => s.Name));
        Assert.Equal(["c"], plan.Removed);
        Assert.Equal(["a"], plan.Unchanged);
    }

    [Fact]
    public void Equal_content_in_new_collections_is_unchanged()
    {
        var current = Current(Spec("a", "x") with
        {
            Environment = new Dictionary<string, string> { ["K"] = "1", ["L"] = "2" },
            SuccessExitCodes = [0, 2],
        });
        ProcessSpec[] desired = [Spec("a", "x") with
        {
            Environment = new Dictionary<string, string> { ["L"] = "2", ["K"] = "1" },
            SuccessExitCodes = [2, 0],
            Origin = "other.conf:3",
        }];

        var plan = ConfigDiff.Compute(current, desired, removeMissing: true);

        Assert.Equal(["a"], plan.Unchanged);
        Assert.Empty(plan.Changed);
    }

    [Fact]
    public void An_environment_change_is_a_change()
    {
        var current = Current(Spec("a", "x") with { Environment = new Dictionary<string, string> { ["K"] = "1" } });
        ProcessSpec[] desired = [Spec("a", "x") with { Environment = new Dictionary<string, string> { ["K"] = "2" } }];

        Assert.Equal(["a"], ConfigDiff.Compute(current, desired, true).Changed.Select(s => s.Name));
    }

    [Fact]
    public void Only_an_instance_count_change_is_a_scale_not_a_restart()
    {
        var current = Current(Spec("a", "x"));
        ProcessSpec[] desired = [Spec("a", "x") with { Instances = 3 }];

        var plan = ConfigDiff.Compute(current, desired, true);

        Assert.Empty(plan.Changed);
        Assert.Equal(["a"], plan.ScaledOnly.Select(s => s.Name));
        Assert.Equal(["a"], plan.ToResult().Changed);
    }

    [Fact]
    public void Without_remove_missing_absent_apps_are_left_alone()
    {
        var plan = ConfigDiff.Compute(Current(Spec("a", "x"), Spec("b", "y")), [Spec("a", "x")], removeMissing: false);

        Assert.Empty(plan.Removed);
        Assert.Equal(["a", "b"], plan.Unchanged);
    }

    [Fact]
    public void A_name_given_twice_is_rejected_with_the_name()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            ConfigDiff.Compute(Current(), [Spec("a", "x"), Spec("a", "y")], true));

        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
    }
}
