namespace ProcessManager.Hocon;

/// <summary>What happens when a field is set again: objects merge deeply, anything else replaces.</summary>
internal static class HoconMerge
{
    /// <summary>Merges <paramref name="next"/> over <paramref name="previous"/> (next wins).</summary>
    public static HoconValue Merge(HoconValue previous, HoconValue next)
    {
        switch (next)
        {
            case HoconObject nextObject when previous is HoconObject previousObject:
                return MergeObjects(previousObject, nextObject);
            case HoconObject:
                // An object over a substitution must wait: the substitution may turn out to be an object to merge with.
                // An object still holding substitutions keeps the earlier value too (the reference implementation
                // resolves it as well, so an unresolvable earlier value is an error even though it is replaced).
                return previous.Type == HoconValueType.Unresolved || !next.IsResolved ? new HoconDelayedMerge(previous, next) : next;
            case HoconDelayedMerge delayed:
                return Merge(Merge(previous, delayed.Previous), delayed.Next);
            default:
                // A value still holding substitutions is kept with the earlier value:
                // `a = ${a} x` refers to it, and `a = ${b}` may turn out to be an object that merges with it.
                return next.IsResolved ? next : new HoconDelayedMerge(previous, next);
        }
    }

    public static HoconObject MergeObjects(HoconObject previous, HoconObject next)
    {
        if (previous.Count == 0)
        {
            return next;
        }

        if (next.Count == 0)
        {
            return previous;
        }

        var fields = new Dictionary<string, HoconValue>(previous.Fields, StringComparer.Ordinal);
        foreach (var (key, value) in next.Fields)
        {
            fields[key] = fields.TryGetValue(key, out var old) ? Merge(old, value) : value;
        }

        return new HoconObject(fields, next.Origin);
    }
}
