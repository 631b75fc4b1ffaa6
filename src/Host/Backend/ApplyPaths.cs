using ProcessManager.Actors.Processes.Configuration;
using ProcessManager.Actors.Processes.Execution;
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

    /// <summary>
    /// Reads every app's env-file once, so that an apply naming a missing or malformed one is refused (changing nothing)
    /// instead of leaving an errored app; the daemon reads it again at each start.
    /// </summary>
    /// <exception cref="ProcessSpecException">Some env-file cannot be used; each error names the app and the file (and line).</exception>
    public static void CheckEnvFiles(IReadOnlyList<ProcessSpec> specs)
    {
        var errors = new List<InvalidProcessSpec>();
        foreach (var spec in specs.Where(spec => spec.EnvFile is not null))
        {
            var path = Path.IsPathRooted(spec.EnvFile!) || spec.WorkingDirectory is null ? spec.EnvFile! : Path.GetFullPath(spec.EnvFile!, spec.WorkingDirectory);
            try
            {
                _ = EnvFile.Read(path, spec.EnvFileMaxBytes);
            }
            catch (EnvFileException error)
            {
                errors.Add(new InvalidProcessSpec($"{spec.Name}.env-file", error.Message, spec.Origin));
            }
        }

        if (errors.Count > 0)
        {
            throw new ProcessSpecException(errors);
        }
    }
}
