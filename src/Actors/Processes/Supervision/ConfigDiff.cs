using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Processes.Supervision;

/// <summary>Compares the declared apps with a desired set of specs.</summary>
public static class ConfigDiff
{
    /// <summary>
    /// Plans the change from <paramref name="current"/> to <paramref name="desired"/>. Names in each
    /// list are sorted. Throws <see cref="ArgumentException"/> when a name is given twice. When
    /// <paramref name="removable"/> is given, only the missing apps it accepts are removed; the others are kept.
    /// </summary>
    public static ApplyPlan Compute(
        IReadOnlyDictionary<string, ProcessSpec> current,
        IReadOnlyList<ProcessSpec> desired,
        bool removeMissing,
        Func<ProcessSpec, bool>? removable = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(desired);

        var duplicate = desired.GroupBy(spec => spec.Name, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"app '{duplicate.Key}' is declared more than once", nameof(desired));
        }

        var added = new List<ProcessSpec>();
        var changed = new List<ProcessSpec>();
        var scaled = new List<ProcessSpec>();
        var unchanged = new List<string>();
        foreach (var spec in desired.OrderBy(spec => spec.Name, StringComparer.Ordinal))
        {
            if (!current.TryGetValue(spec.Name, out var existing))
            {
                added.Add(spec);
            }
            else if (existing == spec)
            {
                unchanged.Add(spec.Name);
            }
            else if (existing.DiffersOnlyInInstances(spec))
            {
                scaled.Add(spec);
            }
            else
            {
                changed.Add(spec);
            }
        }

        var wanted = desired.Select(spec => spec.Name).ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<string> removed = removeMissing
            ? [.. current.Where(pair => !wanted.Contains(pair.Key) && (removable is null || removable(pair.Value))).Select(pair => pair.Key).Order(StringComparer.Ordinal)]
            : [];
        IReadOnlyList<string> kept = removeMissing && removable is not null
            ? [.. current.Where(pair => !wanted.Contains(pair.Key) && !removable(pair.Value)).Select(pair => pair.Key).Order(StringComparer.Ordinal)]
            : [];
        if (!removeMissing)
        {
            unchanged.AddRange(current.Keys.Where(name => !wanted.Contains(name)));
            unchanged.Sort(StringComparer.Ordinal);
        }

        return new ApplyPlan(added, changed, scaled, removed, unchanged, kept);
    }
}
