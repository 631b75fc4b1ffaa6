namespace ProcessManager.EndToEnd.Tests;

/// <summary>What a pbm run printed and returned.</summary>
internal sealed record CommandResult(int ExitCode, string Output, string Error)
{
    public CommandResult ShouldSucceed()
    {
        Assert.True(ExitCode == 0, $"exit {ExitCode}\nstdout: {Output}\nstderr: {Error}");
        return this;
    }

    public IReadOnlyList<string> Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
