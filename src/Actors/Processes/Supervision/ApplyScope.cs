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

    /// <summary>
    /// The per-device apps (USB rules') whose rule the applied file no longer has: derived from a template the apply
    /// does not list, and from the same file (any file with prune; the configuration files when SourceFile is null).
    /// Empty when the apply lists no templates (the caller knows nothing of rules).
    /// </summary>
    public static IReadOnlyList<string> OrphanedPerDeviceApps(ApplyConfig apply, IReadOnlyDictionary<string, ProcessSpec> current)
    {
        ArgumentNullException.ThrowIfNull(apply);
        ArgumentNullException.ThrowIfNull(current);
        if (apply.Templates is not { } templates)
        {
            return [];
        }

        var rules = templates.Select(template => template.Name).ToHashSet(StringComparer.Ordinal);
        return [.. current
            .Where(pair => pair.Value.DerivedFrom is { } rule && !rules.Contains(rule)
                && (apply.Prune || string.Equals(pair.Value.SourceFile, apply.SourceFile, StringComparison.Ordinal)))
            .Select(pair => pair.Key)
            .Order(StringComparer.Ordinal)];
    }
}
