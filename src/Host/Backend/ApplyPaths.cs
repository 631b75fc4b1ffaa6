using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Host.Backend;

/// <summary>
/// An applied file's apps are anchored at the file: a relative <c>cwd</c> is resolved against the file's folder,
/// an app without one runs in that folder (so <c>command = ["./worker.sh"]</c> means the script beside the file,
/// whatever the daemon's own directory), and each app remembers the file that declared it.
/// </summary>
internal static class ApplyPaths
{
    public static IReadOnlyList<ProcessSpec> Anchor(IReadOnlyList<ProcessSpec> specs, string fileName)
    {
        var folder = Path.GetDirectoryName(fileName);
        if (string.IsNullOrEmpty(folder) || !Path.IsPathRooted(folder))
        {
            return [.. specs.Select(spec => spec with { SourceFile = fileName })];
        }

        return [.. specs.Select(spec => spec with
        {
            WorkingDirectory = spec.WorkingDirectory is { } cwd ? Path.GetFullPath(cwd, folder) : folder,
            SourceFile = fileName,
        })];
    }
}
