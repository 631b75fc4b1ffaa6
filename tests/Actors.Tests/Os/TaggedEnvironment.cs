using ProcessManager.Actors.Os;

namespace ProcessManager.Actors.Tests.Os;

/// <summary>The environment a daemon gives a program of <paramref name="instance"/> under its tag, as far as the scan reads it.</summary>
internal static class TaggedEnvironment
{
    public static Dictionary<string, string> For(ProgramTag tag, string instance) => new(StringComparer.Ordinal)
    {
        ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
        [ProgramTag.Variable] = tag.ValueFor(instance),
    };
}
