using Xunit;
using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Tests.Processes.Protocol;

public sealed class ProcessSpecValidationTests
{
    private static readonly ProcessSpec Valid = new() { Name = "web", Argv = ["sleep", "1"] };

    [Fact]
    public void A_minimal_spec_is_valid()
    {
        Assert.Empty(Valid.Validate());
    }

    [Theory]
    [InlineData("", "name")]
    [InlineData("has space", "name")]
    [InlineData("-dash", "name")]
    public void Bad_names_are_reported_on_the_name_field(string name, string field)
    {
        var error = Assert.Single((Valid with { Name = name }).Validate());
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Durations_and_sizes_have_upper_bounds_named_by_field_and_origin()
    {
        var month = TimeSpan.FromDays(30);
        var spec = Valid with
        {
            Backoff = new BackoffSettings(TimeSpan.FromSeconds(1), month, 0.2, TimeSpan.Zero),
            CrashLoop = new CrashLoopSettings(5, TimeSpan.FromMinutes(1), month),
            Stop = new StopSettings(15, month),
            MemoryLimitBytes = long.MaxValue,
            Origin = "apps.conf:7",
        };

        var errors = spec.Validate();

        Assert.Equal(["backoff.max", "crash-loop.cool-down", "memory-limit", "stop.timeout"], errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.All(errors, error => Assert.StartsWith("apps.conf:7: ", error.ToString(), StringComparison.Ordinal));
        Assert.Contains("longest allowed duration, 24d", errors.Single(e => e.Field == "backoff.max").Message, StringComparison.Ordinal);
        Assert.Empty((Valid with { Backoff = new BackoffSettings(TimeSpan.FromSeconds(1), TimeSpan.FromDays(24), 0.2, TimeSpan.Zero) }).Validate());
    }

    [Fact]
    public void Each_bad_field_is_named()
    {
        var spec = Valid with
        {
            Argv = [],
            Instances = -1,
            Backoff = new BackoffSettings(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), 0.2, TimeSpan.Zero),
            CrashLoop = new CrashLoopSettings(0, TimeSpan.FromSeconds(1), null),
            Stop = new StopSettings(99, TimeSpan.FromSeconds(1)),
            MemoryLimitBytes = 0,
            Timeout = TimeSpan.FromSeconds(1),
            Origin = "apps.conf:3",
        };

        var fields = spec.Validate().Select(e => e.Field).ToHashSet();

        Assert.Equal(
            new HashSet<string> { "command", "instances", "backoff.max", "crash-loop.max-restarts", "stop.signal", "memory-limit", "timeout" },
            fields);
        Assert.All(spec.Validate(), e => Assert.Equal("apps.conf:3", e.Origin));
    }

    [Fact]
    public void A_command_string_needs_shell_true()
    {
        var error = Assert.Single((Valid with { Argv = [], Command = "echo hi" }).Validate());
        Assert.Equal("shell", error.Field);

        var shell = Valid with { Argv = [], Command = "echo hi", Shell = true };
        Assert.Empty(shell.Validate());
        Assert.Equal(["/bin/sh", "-c", "echo hi"], shell.EffectiveArgv);
    }

    [Theory]
    [InlineData("SIGTERM", 15)]
    [InlineData("term", 15)]
    [InlineData("9", 9)]
    [InlineData("SIGUSR1", 10)]
    public void Signal_names_parse(string text, int expected)
    {
        Assert.True(SignalNames.TryParse(text, out var signal));
        Assert.Equal(expected, signal);
        Assert.Equal(expected, SignalNames.TryParse(SignalNames.Name(expected), out var back) ? back : -1);
    }

    [Fact]
    public void Unknown_signals_do_not_parse()
    {
        Assert.False(SignalNames.TryParse("SIGNOPE", out _));
        Assert.False(SignalNames.TryParse("0", out _));
    }
}
