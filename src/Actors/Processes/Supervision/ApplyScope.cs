using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Processes.Supervision;

/// <summary>Which declared apps an apply may remove when they are missing from its file.</summary>
public static class ApplyScope
{
    /// <summary>
    /// Null (every missing app) for an apply without a file or with prune; otherwise only the apps the same file
    /// declared, so that apps started by hand or from another file survive an apply.
    /// </summary>
    public static Func<ProcessSpec, bool>? Removable(ApplyConfig apply)
    {
        ArgumentNullException.ThrowIfNull(apply);
        if (apply.SourceFile is not { } file || apply.Prune)
        {
            return null;
        }

        return spec => string.Equals(spec.SourceFile, file, StringComparison.Ordinal);
    }
}
