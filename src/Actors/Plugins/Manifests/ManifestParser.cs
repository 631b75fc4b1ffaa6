using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ProcessManager.Hocon;
using ProcessManager.Plugins.Sdk;

namespace ProcessManager.Actors.Plugins.Manifests;

/// <summary>
/// Reads a plugin manifest (HOCON). Every problem is collected and reported as "file:line: field: message"; a
/// manifest with any problem yields no plugin at all. Substitutions do not fall back to the daemon's environment and
/// values may not come from other files (includes), so a manifest cannot pull the daemon's secrets into a worker.
/// </summary>
/// <remarks>
/// command[0] rules: a bare name (no '/') is looked up in PATH when the worker starts (an interpreter: python3, dotnet);
/// a relative path is resolved against the plugin folder and must stay inside it, symbolic links included; an absolute
/// path is refused unless pbm.plugins.allow-absolute-commands is on (the daemon's operator decides, not the manifest).
/// </remarks>
public static partial class ManifestParser
{
    private static readonly FrozenSet<string> KnownKeys = FrozenSet.Create(
        StringComparer.Ordinal,
        "name", "version", "protocol", "command", "pool", "max-jobs-per-worker", "job-timeout", "memory-limit", "env", "subscribe");

    private static readonly FrozenSet<string> PoolKeys = FrozenSet.Create(StringComparer.Ordinal, "min", "max", "queue");

    private static readonly FrozenSet<string> SubscribeKeys = FrozenSet.Create(StringComparer.Ordinal, "usb", "processes", "schedule");

    private static readonly FrozenSet<string> UsbKeys = FrozenSet.Create(StringComparer.Ordinal, "vendor", "product", "serial", "action");

    /// <summary>Reads and parses the manifest at <paramref name="path"/>.</summary>
    /// <exception cref="ManifestException">Unreadable, not HOCON, or any field wrong; lists every error.</exception>
    public static PluginManifest ParseFile(string path, PluginHostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ManifestException($"{path}: cannot read the manifest: {e.Message}");
        }
        return Parse(bytes, Path.GetFullPath(path), settings);
    }

    /// <summary>SHA-256 of a manifest's bytes, the manifest cache's key.</summary>
    public static string Checksum(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Parses manifest bytes read from <paramref name="path"/> (an absolute path; its folder is the plugin's).</summary>
    /// <exception cref="ManifestException">Not HOCON, or any field wrong; lists every error.</exception>
    public static PluginManifest Parse(byte[] bytes, string path, PluginHostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(settings);
        Config config;
        try
        {
            var options = HoconParseOptions.Default with
            {
                OriginDescription = path,
                BaseDirectory = null,
                ResolveOptions = HoconResolveOptions.NoEnvironment,
            };
            config = ConfigurationFactory.ParseString(new UTF8Encoding(false, true).GetString(bytes), options);
        }
        catch (ConfigurationException e)
        {
            throw new ManifestException(e.Message.StartsWith(path, StringComparison.Ordinal) ? e.Message : $"{path}: {e.Message}");
        }
        catch (DecoderFallbackException)
        {
            throw new ManifestException($"{path}: the manifest is not UTF-8 text");
        }
        var reader = new Reader(config, path, Path.GetDirectoryName(path)!, settings);
        var manifest = reader.Read(Checksum(bytes));
        return reader.Errors.Count > 0 ? throw new ManifestException(reader.Errors) : manifest!;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[0-9a-fA-F]{4}$")]
    private static partial Regex UsbIdPattern();

    private sealed class Reader(Config config, string path, string directory, PluginHostSettings settings)
    {
        public List<string> Errors { get; } = [];

        public PluginManifest? Read(string checksum)
        {
            CheckOrigins(config.Root);
            CheckKeys(config.Root, "", KnownKeys);
            var name = Get("name", p => config.GetString(p));
            if (name is not null && !NamePattern().IsMatch(name))
            {
                Error("name", $"'{name}' is not a plugin name: 1-64 of a-z 0-9 . _ -, starting with a letter or digit");
            }
            var version = Get("version", p => config.GetString(p, "0")) ?? "0";
            var protocol = Get("protocol", p => config.GetInt(p, PluginProtocol.Version));
            if (protocol != PluginProtocol.Version)
            {
                Error("protocol", $"protocol {protocol} is not supported (this daemon speaks {PluginProtocol.Version})");
            }
            var command = ReadCommand();
            var pool = ReadPool();
            var maxJobs = Get("max-jobs-per-worker", p => config.GetInt(p, 1000));
            if (maxJobs < 1)
            {
                Error("max-jobs-per-worker", "must be at least 1");
            }
            var timeout = Get("job-timeout", p => config.GetTimeSpan(p, TimeSpan.FromSeconds(30)));
            if (timeout <= TimeSpan.Zero)
            {
                Error("job-timeout", "must be positive");
            }
            long? memoryLimit = null;
            if (config.GetValue("memory-limit") is not HoconString { Value: "off" or "none" })
            {
                memoryLimit = Get("memory-limit", p => config.GetByteSize(p));
                if (memoryLimit is <= 0)
                {
                    Error("memory-limit", "must be positive (or off)");
                }
            }
            var env = ReadEnvironment();
            var subscriptions = ReadSubscriptions();
            if (Errors.Count > 0 || name is null || command is null || pool is null)
            {
                if (name is null && Errors.Count == 0)
                {
                    Error("name", "is required");
                }
                return null;
            }
            return new PluginManifest(name, version, protocol, command, directory, path, pool, maxJobs, timeout, memoryLimit, env, subscriptions, checksum);
        }

        private List<string>? ReadCommand()
        {
            if (!config.HasPath("command"))
            {
                Errors.Add($"{path}: command: is required (an argv array, e.g. [\"./worker\"])");
                return null;
            }
            var argv = Get("command", p => config.GetStringList(p));
            if (argv is null)
            {
                return null;
            }
            if (argv.Count == 0 || string.IsNullOrEmpty(argv[0]))
            {
                Error("command", "must name a program (an argv array, no shell)");
                return null;
            }
            var program = argv[0];
            string resolved;
            if (!program.Contains('/', StringComparison.Ordinal))
            {
                resolved = program;
            }
            else if (Path.IsPathRooted(program))
            {
                if (!settings.AllowAbsoluteCommands)
                {
                    Error("command", $"'{program}' is an absolute path outside the plugin folder; put the program in {directory} or set pbm.plugins.allow-absolute-commands = true");
                    return null;
                }
                resolved = program;
            }
            else
            {
                resolved = Path.GetFullPath(Path.Combine(directory, program));
                if (!Inside(resolved) || (ResolveLink(resolved) is { } target && !Inside(target)))
                {
                    Error("command", $"'{program}' leaves the plugin folder {directory}");
                    return null;
                }
            }
            return [resolved, .. argv.Skip(1)];
        }

        private bool Inside(string candidate) =>
            candidate.StartsWith(directory + Path.DirectorySeparatorChar, StringComparison.Ordinal);

        private static string? ResolveLink(string file)
        {
            try
            {
                return File.ResolveLinkTarget(file, returnFinalTarget: true)?.FullName;
            }
            catch (IOException)
            {
                return null;
            }
        }

        private PoolSpec? ReadPool()
        {
            if (config.GetValue("pool") is HoconObject poolObject)
            {
                CheckKeys(poolObject, "pool.", PoolKeys);
            }
            var min = Get("pool.min", p => config.GetInt(p, 1));
            var max = Get("pool.max", p => config.GetInt(p, Math.Max(1, min)));
            var queue = Get("pool.queue", p => config.GetInt(p, 100));
            var ok = true;
            if (min < 0)
            {
                ok = Error("pool.min", "must be 0 or more");
            }
            if (max < 1 || max < min)
            {
                ok = Error("pool.max", $"must be at least 1 and at least pool.min ({min})");
            }
            if (max > settings.MaxWorkersPerPlugin)
            {
                ok = Error("pool.max", $"{max} is above pbm.plugins.max-workers-per-plugin ({settings.MaxWorkersPerPlugin})");
            }
            if (queue < 0 || queue > settings.MaxQueuePerPlugin)
            {
                ok = Error("pool.queue", $"must be 0 to pbm.plugins.max-queue-per-plugin ({settings.MaxQueuePerPlugin})");
            }
            return ok ? new PoolSpec(min, max, queue) : null;
        }

        private Dictionary<string, string> ReadEnvironment()
        {
            var env = new Dictionary<string, string>(StringComparer.Ordinal);
            if (!config.HasPath("env"))
            {
                return env;
            }
            if (config.GetValue("env") is not HoconObject envObject)
            {
                Error("env", "must be an object { NAME = value }");
                return env;
            }
            foreach (var (key, value) in envObject.Fields)
            {
                if (key.Length == 0 || key.Contains('=', StringComparison.Ordinal) || value is HoconObject or HoconArray)
                {
                    Errors.Add($"{value.Origin}: env.{key}: a variable is NAME = \"text\"");
                    continue;
                }
                env[key] = value is HoconString s ? s.Value : value.ToString();
            }
            return env;
        }

        private PluginSubscriptions ReadSubscriptions()
        {
            if (!config.HasPath("subscribe"))
            {
                return PluginSubscriptions.None;
            }
            if (config.GetValue("subscribe") is HoconObject subscribe)
            {
                CheckKeys(subscribe, "subscribe.", SubscribeKeys);
            }
            var rules = new List<UsbRule>();
            if (config.HasPath("subscribe.usb"))
            {
                var list = Get("subscribe.usb", p => config.GetConfigList(p)) ?? [];
                for (var i = 0; i < list.Count; i++)
                {
                    var rule = list[i];
                    CheckKeys(rule.Root, $"subscribe.usb[{i}].", UsbKeys);
                    var vendor = Get($"subscribe.usb[{i}].vendor", _ => rule.GetString("vendor", null));
                    var product = Get($"subscribe.usb[{i}].product", _ => rule.GetString("product", null));
                    var serial = Get($"subscribe.usb[{i}].serial", _ => rule.GetString("serial", null));
                    var action = Get($"subscribe.usb[{i}].action", _ => rule.GetString("action", "any")) ?? "any";
                    if (vendor is not null && !UsbIdPattern().IsMatch(vendor))
                    {
                        Errors.Add($"{rule.Root.Origin}: subscribe.usb[{i}].vendor: '{vendor}' is not a 4-digit hex id");
                    }
                    if (product is not null && !UsbIdPattern().IsMatch(product))
                    {
                        Errors.Add($"{rule.Root.Origin}: subscribe.usb[{i}].product: '{product}' is not a 4-digit hex id");
                    }
                    if (action is not ("add" or "remove" or "any"))
                    {
                        Errors.Add($"{rule.Root.Origin}: subscribe.usb[{i}].action: '{action}' is not add, remove or any");
                    }
                    rules.Add(new UsbRule(vendor?.ToLowerInvariant(), product?.ToLowerInvariant(), serial, action));
                }
            }
            var processes = config.HasPath("subscribe.processes") ? Get("subscribe.processes", p => config.GetStringList(p)) ?? [] : [];
            TimeSpan? schedule = config.HasPath("subscribe.schedule") ? Get("subscribe.schedule", p => config.GetTimeSpan(p)) : null;
            if (schedule is { } period && period < TimeSpan.FromSeconds(1))
            {
                Error("subscribe.schedule", "must be at least 1s");
            }
            return new PluginSubscriptions(rules, processes, schedule);
        }

        private T? Get<T>(string field, Func<string, T> read)
        {
            try
            {
                return read(field);
            }
            catch (ConfigurationException e)
            {
                var origin = e.Origin ?? config.GetValue(field)?.Origin;
                var message = e.Origin is not null && e.Message.StartsWith(e.Origin.ToString(), StringComparison.Ordinal)
                    ? e.Message[(e.Origin.ToString().Length + 2)..]
                    : e.Message;
                Errors.Add($"{origin?.ToString() ?? path}: {field}: {message}");
                return default;
            }
        }

        private bool Error(string field, string message)
        {
            var origin = config.GetValue(field)?.Origin.ToString() ?? path;
            Errors.Add($"{origin}: {field}: {message}");
            return false;
        }

        private void CheckKeys(HoconObject block, string prefix, FrozenSet<string> known)
        {
            foreach (var (key, value) in block.Fields)
            {
                if (!known.Contains(key))
                {
                    Errors.Add($"{value.Origin}: {prefix}{key}: unknown field (known: {string.Join(", ", known.Order(StringComparer.Ordinal))})");
                }
            }
        }

        private void CheckOrigins(HoconValue value)
        {
            if (value.Origin.Line > 0 && value.Origin.Description != path)
            {
                Errors.Add($"{value.Origin}: a manifest is one file: values from other files (include) are not read");
                return;
            }
            switch (value)
            {
                case HoconObject o:
                    foreach (var child in o.Fields.Values)
                    {
                        CheckOrigins(child);
                    }
                    break;
                case HoconArray a:
                    foreach (var item in a.Items)
                    {
                        CheckOrigins(item);
                    }
                    break;
            }
        }
    }
}
