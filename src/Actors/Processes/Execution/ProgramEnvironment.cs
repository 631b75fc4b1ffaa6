using System.Collections;
using ProcessManager.Actors.Os.Native;
using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Processes.Execution;

/// <summary>
/// The environment a program starts with: PATH, HOME, USER, LOGNAME and SHELL of the user it runs as (from the user
/// database), the daemon's variables its <c>inherit-env</c> allow-list names, then its declared <c>env</c>. Nothing else of
/// the daemon's environment, which may hold secrets (database passwords given through PBM__ variables, for one).
/// </summary>
internal static class ProgramEnvironment
{
    /// <summary>PATH of a program running as another user than the daemon's (login.defs' ENV_SUPATH, sbin included).</summary>
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private static readonly IReadOnlyDictionary<string, string> FrozenDictionaryEmpty = System.Collections.Frozen.FrozenDictionary<string, string>.Empty;

    public static Dictionary<string, string> Build(ProcessSpec spec) =>
        Build(spec, Environment.GetEnvironmentVariables(), LibC.geteuid(), ReadEnvFile(spec));

    /// <summary>The variables of the spec's env-file, read now (at each start, so that edits take effect on restart); null when it has none.</summary>
    /// <exception cref="EnvFileException">The file is missing, unreadable, too large or malformed.</exception>
    public static Dictionary<string, string>? ReadEnvFile(ProcessSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.EnvFile is not { } path)
        {
            return null;
        }

        var full = Path.IsPathRooted(path) || spec.WorkingDirectory is null ? path : Path.GetFullPath(path, spec.WorkingDirectory);
        try
        {
            return EnvFile.Read(full, spec.EnvFileMaxBytes);
        }
        catch (EnvFileException error)
        {
            throw new EnvFileException(spec.Origin is null ? $"env-file {error.Message}" : $"env-file of {spec.Origin}: {error.Message}");
        }
    }

    /// <summary>The environment for <paramref name="spec"/>, given the daemon's variables and effective uid.</summary>
    public static Dictionary<string, string> Build(ProcessSpec spec, IDictionary daemonEnvironment, uint daemonUid) =>
        Build(spec, daemonEnvironment, daemonUid, null);

    /// <summary>
    /// The environment for <paramref name="spec"/>, with the variables of its env-file (<paramref name="fromEnvFile"/>)
    /// above the user's identity and inherit-env, and below its declared env.
    /// </summary>
    public static Dictionary<string, string> Build(ProcessSpec spec, IDictionary daemonEnvironment, uint daemonUid, IReadOnlyDictionary<string, string>? fromEnvFile)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(daemonEnvironment);
        var daemon = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in daemonEnvironment)
        {
            daemon[(string)entry.Key] = (string?)entry.Value ?? "";
        }

        var user = spec.User is null ? UserDatabase.LookupUid(daemonUid) : UserDatabase.Lookup(spec.User);
        var sameUser = spec.User is null || user?.Uid == daemonUid;
        var name = user?.Name ?? spec.User ?? daemon.GetValueOrDefault("USER") ?? daemonUid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // The daemon's PATH says where its own user's programs are; another user gets the system's.
            ["PATH"] = sameUser && daemon.TryGetValue("PATH", out var path) ? path : DefaultPath,
            ["HOME"] = user?.Home is { Length: > 0 } home ? home : sameUser ? daemon.GetValueOrDefault("HOME") ?? "/" : "/",
            ["USER"] = name,
            ["LOGNAME"] = name,
            ["SHELL"] = user?.Shell is { Length: > 0 } shell ? shell : "/bin/sh",
        };

        foreach (var (key, value) in daemon)
        {
            if (Inherits(spec.InheritEnvironment, key))
            {
                environment[key] = value;
            }
        }

        foreach (var (key, value) in fromEnvFile ?? FrozenDictionaryEmpty)
        {
            environment[key] = value;
        }

        foreach (var (key, value) in spec.Environment)
        {
            environment[key] = value;
        }

        return environment;
    }

    /// <summary>True when the allow-list names <paramref name="key"/>: exactly, by a PREFIX* pattern, or with "*" (everything).</summary>
    public static bool Inherits(IReadOnlyList<string> allowList, string key)
    {
        foreach (var allowed in allowList)
        {
            if (allowed.EndsWith('*') ? key.AsSpan().StartsWith(allowed.AsSpan(0, allowed.Length - 1), StringComparison.Ordinal) : key == allowed)
            {
                return true;
            }
        }

        return false;
    }
}
