using ProcessManager.Hocon;

namespace ProcessManager.Configuration;

/// <summary>
/// Reports keys under pbm.* that reference.conf does not define, with where they were set and the closest
/// known key. An empty object in reference.conf (env, usb.rules, plugins.instances) accepts any keys.
/// </summary>
public static class PbmConfigValidator
{
    public const string Namespace = "pbm";

    public static IReadOnlyList<ConfigWarning> FindUnknownKeys(Config config, Config reference)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(reference);
        var warnings = new List<ConfigWarning>();
        if (config.Root.TryGetValue(Namespace, out var actual) && reference.Root.TryGetValue(Namespace, out var known)
            && actual is HoconObject actualObject && known is HoconObject knownObject)
        {
            Walk(actualObject, knownObject, new HoconPath([Namespace]), warnings);
        }

        return warnings;
    }

    private static void Walk(HoconObject actual, HoconObject known, HoconPath path, List<ConfigWarning> warnings)
    {
        foreach (var (key, value) in actual.Fields)
        {
            var childPath = path.Append(key);
            if (!known.TryGetValue(key, out var knownValue))
            {
                var suggestion = Closest(key, known.Keys);
                var hint = suggestion is null ? string.Empty : $"; did you mean '{path.Append(suggestion)}'?";
                warnings.Add(new ConfigWarning(childPath.ToString(), $"unknown setting '{childPath}'{hint}", value.Origin));
                continue;
            }

            if (knownValue is HoconObject { Count: > 0 } knownObject && value is HoconObject valueObject)
            {
                Walk(valueObject, knownObject, childPath, warnings);
            }
        }
    }

    private static string? Closest(string key, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = Math.Max(2, key.Length / 3) + 1;
        foreach (var candidate in candidates)
        {
            var distance = Distance(key, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
