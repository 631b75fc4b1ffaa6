using ProcessManager.Hocon;

namespace ProcessManager.Configuration;

/// <summary>
/// Reports keys under pbm.* that reference.conf does not define, with where they were set and the closest
/// known key (or why a setting no longer exists). An empty object in reference.conf (process-defaults.env)
/// accepts any keys. Programs declared under pbm.processes instead of the top-level processes block are an error.
/// </summary>
public static class PbmConfigValidator
{
    public const string Namespace = "pbm";

    /// <summary>Where programs are declared: a top-level block, outside pbm { }.</summary>
    public const string ProcessesPath = "processes";

    /// <summary>Settings that were documented once but never did anything, and why; setting one gets this reason.</summary>
    private static readonly Dictionary<string, string> Removed = new(StringComparer.Ordinal)
    {
        ["pbm.node-name"] = "a node's name is pbm.cluster.node-name (see hocon/reference.conf)",
        ["pbm.persistence.membership"] = "cluster membership is Akka.Cluster's, set by pbm.cluster (see hocon/reference.conf)",
        ["pbm.persistence.retention.keep-snapshots"] = "only the newest snapshot is kept",
        ["pbm.kernel"] = "the actors run on Akka.NET, set by akka.* (akka.actor.default-mailbox.stash-capacity, "
            + "akka.actor.default-dispatcher.throughput, akka.log-dead-letters, akka.coordinated-shutdown.phases.PHASE.timeout; see hocon/reference.conf)",
        ["pbm.logs"] = "the daemon writes its own log to stdout, or in the background to pbmd.log rotated by pbm.daemon-log (max-size, keep); its level is not configurable yet",
    };

    /// <summary>
    /// Throws when programs are declared under pbm.processes: the daemon reads only the top-level processes block,
    /// and a block it does not read must not pass silently.
    /// </summary>
    /// <exception cref="ConfigurationException">pbm.processes is set; the message names where.</exception>
    public static void RequireTopLevelProcesses(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.GetValue(Namespace + "." + ProcessesPath) is { } misplaced)
        {
            throw new ConfigurationException(
                "programs are declared under the top-level 'processes { NAME { command = [...] } }' block, not under 'pbm.processes'; move the block out of pbm { }",
                misplaced.Origin);
        }
    }

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
            var name = childPath.ToString();
            if (Removed.TryGetValue(name, out var reason))
            {
                warnings.Add(new ConfigWarning(name, $"'{name}' is not a setting any more and is ignored: {reason}", value.Origin));
                continue;
            }

            if (!known.TryGetValue(key, out var knownValue))
            {
                var suggestion = Closest(key, known.Keys);
                var hint = suggestion is null ? string.Empty : $"; did you mean '{path.Append(suggestion)}'?";
                warnings.Add(new ConfigWarning(name, $"unknown setting '{name}'{hint}", value.Origin));
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
