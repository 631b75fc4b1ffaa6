using System.Collections.Frozen;
using System.Globalization;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Hocon;

namespace ProcessManager.Actors.Processes.Configuration;

/// <summary>
/// Reads app declarations from HOCON: a block whose keys are app names (the top-level <c>processes</c>
/// block of the daemon's configuration or of an applied file), each app falling back to
/// pbm.process-defaults. The keys read are exactly those of pbm.process-defaults in reference.conf,
/// plus <c>command</c>; any other key is an error. Reports every error at once, each naming the app,
/// the field and the file:line.
/// </summary>
public static class ProcessSpecParser
{
    private static readonly FrozenSet<string> KnownKeys = FrozenSet.Create(
        StringComparer.Ordinal,
        "command", "shell", "cwd", "env", "instances", "restart", "success-exit-codes", "backoff", "crash-loop",
        "stop", "memory-limit", "user", "group", "logs", "metrics", "kind", "timeout", "job-history", "autostart", "inherit-env",
        "placement", "placement-role",
        "env-file", "env-file-max-size", "watch", "watch-ignore", "watch-debounce", "watch-max-directories");

    /// <summary>The keys of each nested block; "env" is free-form.</summary>
    private static readonly FrozenDictionary<string, FrozenSet<string>> SectionKeys = new Dictionary<string, FrozenSet<string>>(StringComparer.Ordinal)
    {
        ["backoff"] = FrozenSet.Create(StringComparer.Ordinal, "min", "max", "random-factor", "reset-after"),
        ["crash-loop"] = FrozenSet.Create(StringComparer.Ordinal, "max-restarts", "within", "cool-down"),
        ["stop"] = FrozenSet.Create(StringComparer.Ordinal, "signal", "timeout"),
        ["logs"] = FrozenSet.Create(
            StringComparer.Ordinal,
            "directory", "max-size", "keep", "total-cap", "timestamps", "merge", "ring-buffer-lines", "max-line-length", "queue-capacity"),
        ["metrics"] = FrozenSet.Create(StringComparer.Ordinal, "interval", "history"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every key an app (or pbm.process-defaults) may set, as dotted paths: "restart", "logs.keep", ...</summary>
    public static IReadOnlyList<string> Keys { get; } =
        [.. KnownKeys.SelectMany(key => SectionKeys.TryGetValue(key, out var nested) ? nested.Select(n => $"{key}.{n}") : [key]).Order(StringComparer.Ordinal)];

    private static readonly FrozenSet<string> OffWords = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "off", "none", "null", "false", "infinite");

    /// <summary>Parses every app of <paramref name="processesBlock"/> (keys = app names), sorted by name.</summary>
    /// <exception cref="ProcessSpecException">Any app has any error; lists them all.</exception>
    public static IReadOnlyList<ProcessSpec> Parse(Config processesBlock, Config? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(processesBlock);
        var specs = new List<ProcessSpec>();
        var errors = new List<InvalidProcessSpec>();
        foreach (var (name, value) in processesBlock.Root.Fields.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (value is not HoconObject app)
            {
                errors.Add(new InvalidProcessSpec(name, $"an app is an object {{ command = [...] }}, not a {value.Type.ToString().ToLowerInvariant()}", value.Origin.ToString()));
                continue;
            }

            var (spec, appErrors) = TryParseApp(name, new Config(app), defaults);
            errors.AddRange(appErrors);
            if (spec is not null)
            {
                specs.Add(spec);
            }
        }

        return errors.Count > 0 ? throw new ProcessSpecException(errors) : specs;
    }

    /// <summary>Parses one app.</summary>
    /// <exception cref="ProcessSpecException">The app has errors; lists them all.</exception>
    public static ProcessSpec ParseApp(string name, Config app, Config? defaults = null)
    {
        var (spec, errors) = TryParseApp(name, app, defaults);
        return spec ?? throw new ProcessSpecException(errors);
    }

    /// <summary>Parses one app; on errors the spec is null and every error is listed.</summary>
    public static (ProcessSpec? Spec, IReadOnlyList<InvalidProcessSpec> Errors) TryParseApp(string name, Config app, Config? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(app);
        var reader = new AppReader(name, app, defaults ?? Config.Empty);
        var spec = reader.Read();
        if (reader.Errors.Count > 0)
        {
            return (null, reader.Errors);
        }

        var invalid = spec.Validate()
            .Select(error => error with { Field = $"{name}.{error.Field}", Origin = reader.OriginOf(error.Field) })
            .ToList();
        return invalid.Count > 0 ? (null, invalid) : (spec, []);
    }

    /// <summary>Reads the fields of one app, collecting errors instead of stopping at the first.</summary>
    private sealed class AppReader(string name, Config app, Config defaults)
    {
        private readonly Config _merged = app.WithFallback(defaults);

        public List<InvalidProcessSpec> Errors { get; } = [];

        public string OriginOf(string field)
        {
            var key = field.Split('.')[0] is "argv" ? "command" : field;
            return (_merged.GetValue(key) ?? _merged.GetValue(key.Split('.')[0]))?.Origin.ToString() ?? app.Root.Origin.ToString();
        }

        public ProcessSpec Read()
        {
            CheckKeys();

            var shell = Get("shell", () => _merged.GetBoolean("shell", false), false);
            var (argv, command) = ReadCommand(shell);
            var kind = Get("kind", () => ParseEnum("kind", _merged.GetString("kind", "service")!, ProcessKind.Service, ("service", ProcessKind.Service), ("job", ProcessKind.Job)), ProcessKind.Service);
            var defaultRestart = kind == ProcessKind.Job ? "never" : "always";
            return new ProcessSpec
            {
                Name = name,
                Argv = argv,
                Command = command,
                Shell = shell,
                WorkingDirectory = Get("cwd", () => NullIfEmpty(_merged.GetString("cwd", null)), null),
                Environment = Get("env", ReadEnvironment, FrozenDictionary<string, string>.Empty),
                EnvFile = Get("env-file", ReadEnvFile, null),
                Watch = Get("watch", ReadWatch, null),
                WatchIgnore = Get("watch-ignore", () => _merged.HasPath("watch-ignore") ? _merged.GetStringList("watch-ignore") : ProcessSpec.DefaultWatchIgnore, ProcessSpec.DefaultWatchIgnore),
                WatchDebounce = Get("watch-debounce", () => _merged.GetTimeSpan("watch-debounce", TimeSpan.FromSeconds(1)), TimeSpan.FromSeconds(1)),
                WatchMaxDirectories = Get("watch-max-directories", () => _merged.GetInt("watch-max-directories", 1000), 1000),
                EnvFileMaxBytes = Get("env-file-max-size", () => _merged.GetByteSize("env-file-max-size", ProcessSpec.DefaultEnvFileMaxBytes), ProcessSpec.DefaultEnvFileMaxBytes),
                InheritEnvironment = Get("inherit-env", () => IsOff("inherit-env") ? [] : _merged.GetStringList("inherit-env"), []),
                Instances = Get("instances", () => _merged.GetInt("instances", 1), 1),
                Restart = Get("restart", () => ParseEnum("restart", _merged.GetString("restart", defaultRestart)!, RestartPolicy.Always, ("always", RestartPolicy.Always), ("on-failure", RestartPolicy.OnFailure), ("never", RestartPolicy.Never)), RestartPolicy.Always),
                SuccessExitCodes = Get("success-exit-codes", () => _merged.HasPath("success-exit-codes") ? _merged.GetIntList("success-exit-codes") : [0], [0]),
                Backoff = new BackoffSettings(
                    Get("backoff.min", () => _merged.GetTimeSpan("backoff.min", BackoffSettings.Default.Min), BackoffSettings.Default.Min),
                    Get("backoff.max", () => _merged.GetTimeSpan("backoff.max", BackoffSettings.Default.Max), BackoffSettings.Default.Max),
                    Get("backoff.random-factor", () => _merged.GetDouble("backoff.random-factor", BackoffSettings.Default.RandomFactor), BackoffSettings.Default.RandomFactor),
                    Get("backoff.reset-after", () => _merged.GetTimeSpan("backoff.reset-after", BackoffSettings.Default.ResetAfter), BackoffSettings.Default.ResetAfter)),
                CrashLoop = new CrashLoopSettings(
                    Get("crash-loop.max-restarts", () => _merged.GetInt("crash-loop.max-restarts", CrashLoopSettings.Default.MaxRestarts), CrashLoopSettings.Default.MaxRestarts),
                    Get("crash-loop.within", () => _merged.GetTimeSpan("crash-loop.within", CrashLoopSettings.Default.Within), CrashLoopSettings.Default.Within),
                    Get("crash-loop.cool-down", () => OptionalDuration("crash-loop.cool-down", CrashLoopSettings.Default.CoolDown), CrashLoopSettings.Default.CoolDown)),
                Stop = new StopSettings(
                    Get("stop.signal", ReadSignal, StopSettings.Default.Signal),
                    Get("stop.timeout", () => _merged.GetTimeSpan("stop.timeout", StopSettings.Default.Timeout), StopSettings.Default.Timeout)),
                MemoryLimitBytes = Get<long?>("memory-limit", () => IsOff("memory-limit") || _merged.GetByteSize("memory-limit") is not { } limit || limit == 0 ? null : limit, null),
                User = Get("user", () => NullIfEmpty(_merged.GetString("user", null)), null),
                Group = Get("group", () => NullIfEmpty(_merged.GetString("group", null)), null),
                Logs = ReadLogs(),
                MetricsInterval = Get("metrics.interval", () => _merged.HasPath("metrics.interval") ? _merged.GetTimeSpan("metrics.interval") : (TimeSpan?)null, null),
                MetricsHistory = Get("metrics.history", () => _merged.HasPath("metrics.history") ? _merged.GetInt("metrics.history") : (int?)null, null),
                Kind = kind,
                Timeout = Get("timeout", () => OptionalDuration("timeout", null), null),
                JobHistoryLimit = Get("job-history", () => _merged.GetInt("job-history", 100), 100),
                Autostart = Get("autostart", () => _merged.GetBoolean("autostart", true), true),
                Placement = Get("placement", () => ParseEnum("placement", _merged.GetString("placement", "every-node")!, AppPlacement.EveryNode, ("every-node", AppPlacement.EveryNode), ("singleton", AppPlacement.Singleton)), AppPlacement.EveryNode),
                PlacementRole = Get("placement-role", () => NullIfEmpty(_merged.GetString("placement-role", null)), null),
                Origin = app.Root.Origin.ToString(),
            };
        }

        /// <summary>Unknown keys are errors, at any depth: a misspelt setting must not silently fall back to its default.</summary>
        private void CheckKeys()
        {
            foreach (var (key, value) in app.Root.Fields)
            {
                if (!KnownKeys.Contains(key))
                {
                    Fail(key, $"unknown key; known keys are {string.Join(", ", KnownKeys.Order(StringComparer.Ordinal))}", value.Origin);
                    continue;
                }

                if (!SectionKeys.TryGetValue(key, out var nested))
                {
                    continue;
                }

                if (value is not HoconObject section)
                {
                    Fail(key, $"must be an object {{ {string.Join(", ", nested.Order(StringComparer.Ordinal).Select(n => n + " = ..."))} }}", value.Origin);
                    continue;
                }

                foreach (var (nestedKey, nestedValue) in section.Fields.Where(field => !nested.Contains(field.Key)))
                {
                    Fail($"{key}.{nestedKey}", $"unknown key; known keys of {key} are {string.Join(", ", nested.Order(StringComparer.Ordinal))}", nestedValue.Origin);
                }
            }
        }

        private (IReadOnlyList<string> Argv, string? Command) ReadCommand(bool shell)
        {
            const string key = "command";
            var value = _merged.GetValue(key);
            switch (value)
            {
                case null:
                    Fail("command", "missing: give command = [program, args...] (or a string with shell = true)", app.Root.Origin);
                    return ([], null);
                case HoconArray:
                    return (Get(key, () => _merged.GetStringList(key), []), null);
                default:
                    var text = Get(key, () => _merged.GetString(key), "");
                    if (!shell)
                    {
                        Fail(key, "a command string runs through /bin/sh only with shell = true; otherwise give a list [program, args...]", value.Origin);
                        return ([], null);
                    }

                    return ([], text);
            }
        }

        private IReadOnlyDictionary<string, string> ReadEnvironment()
        {
            if (_merged.GetValue("env") is not { } value)
            {
                return FrozenDictionary<string, string>.Empty;
            }

            if (value is not HoconObject env)
            {
                throw new ConfigWrongTypeException("env", "object { NAME = value }", value);
            }

            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, item) in env.Fields)
            {
                result[key] = item switch
                {
                    HoconString text => text.Value,
                    HoconNumber or HoconBoolean => item.ToString(),
                    _ => throw new ConfigWrongTypeException("env." + key, "string", item),
                };
            }

            return result.ToFrozenDictionary(StringComparer.Ordinal);
        }

        /// <summary>
        /// A relative env-file is the file beside the config that names it: resolved against that file's folder, which
        /// it may not leave (an absolute path is the config author's explicit choice).
        /// </summary>
        private string? ReadEnvFile()
        {
            if (NullIfEmpty(_merged.GetString("env-file", null)) is not { } path)
            {
                return null;
            }

            var origin = _merged.GetValue("env-file")!.Origin;
            if (Path.IsPathRooted(path) || !Path.IsPathRooted(origin.Description))
            {
                return path;
            }

            var folder = Path.GetDirectoryName(origin.Description)!;
            var full = Path.GetFullPath(path, folder);
            return full.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                ? full
                : throw new ConfigurationException($"'{path}' leads out of {folder}: a relative env-file stays in the folder of the file that names it (give an absolute path to read one elsewhere)", origin);
        }

        /// <summary>watch = off | on (the app's folder) | [paths].</summary>
        private IReadOnlyList<string>? ReadWatch()
        {
            var value = _merged.GetValue("watch");
            return value switch
            {
                null => null,
                HoconArray => _merged.GetStringList("watch"),
                _ when IsOff("watch") => null,
                _ => _merged.GetBoolean("watch") ? [] : null,
            };
        }

        private int ReadSignal()
        {
            var text = _merged.GetString("stop.signal", "SIGTERM")!;
            return SignalNames.TryParse(text, out var signal)
                ? signal
                : throw new ConfigurationException($"'{text}' is not a signal: use a name like SIGTERM or a number 1..64", _merged.GetValue("stop.signal")?.Origin);
        }

        private bool IsOff(string path) =>
            _merged.GetValue(path) is not { } value
            || value.Type == HoconValueType.Null
            || (value is HoconString text && OffWords.Contains(text.Value.Trim()));

        /// <summary>A duration where off/none/null or 0 mean "none".</summary>
        private TimeSpan? OptionalDuration(string path, TimeSpan? fallback) =>
            _merged.GetValue(path) is null ? fallback
            : IsOff(path) ? null
            : _merged.GetTimeSpan(path) is var duration && duration == TimeSpan.Zero ? null : duration;

        private Protocol.LogSettings ReadLogs()
        {
            var defaults = Protocol.LogSettings.Default;
            return new Protocol.LogSettings(
                Get("logs.directory", () => NullIfEmpty(_merged.GetString("logs.directory", null)), null),
                Get("logs.max-size", () => _merged.GetByteSize("logs.max-size", defaults.MaxFileBytes), defaults.MaxFileBytes),
                Get("logs.keep", () => _merged.GetInt("logs.keep", defaults.MaxFiles), defaults.MaxFiles),
                Get("logs.ring-buffer-lines", () => _merged.GetInt("logs.ring-buffer-lines", defaults.TailLines), defaults.TailLines))
            {
                TotalCapBytes = Get("logs.total-cap", () => _merged.GetByteSize("logs.total-cap", defaults.TotalCapBytes), defaults.TotalCapBytes),
                Timestamps = Get("logs.timestamps", () => _merged.GetBoolean("logs.timestamps", defaults.Timestamps), defaults.Timestamps),
                Merge = Get("logs.merge", () => _merged.GetBoolean("logs.merge", defaults.Merge), defaults.Merge),
                MaxLineLength = Get("logs.max-line-length", () => (int)Math.Min(int.MaxValue, _merged.GetByteSize("logs.max-line-length", defaults.MaxLineLength)), defaults.MaxLineLength),
                QueueCapacityLines = Get("logs.queue-capacity", () => _merged.GetInt("logs.queue-capacity", defaults.QueueCapacityLines), defaults.QueueCapacityLines),
            };
        }

        /// <summary>"" means "not set", like null: reference.conf and users may spell "the daemon's" either way.</summary>
        private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

        private T ParseEnum<T>(string path, string text, T fallback, params (string Name, T Value)[] values)
        {
            foreach (var (valueName, value) in values)
            {
                if (string.Equals(valueName, text.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }
            }

            throw new ConfigurationException(
                $"'{text}' is not one of {string.Join(", ", values.Select(v => v.Name))}", _merged.GetValue(path)?.Origin);
        }

        private T Get<T>(string field, Func<T> read, T fallback)
        {
            try
            {
                return read();
            }
            catch (ConfigurationException error)
            {
                Fail(field, StripOrigin(error), error.Origin ?? _merged.GetValue(field)?.Origin);
                return fallback;
            }
            catch (FormatException error)
            {
                Fail(field, error.Message, _merged.GetValue(field)?.Origin);
                return fallback;
            }
            catch (OverflowException error)
            {
                Fail(field, error.Message, _merged.GetValue(field)?.Origin);
                return fallback;
            }
        }

        private static string StripOrigin(ConfigurationException error) =>
            error.Origin is { } origin && error.Message.StartsWith(origin + ": ", StringComparison.Ordinal)
                ? error.Message[(origin.ToString().Length + 2)..]
                : error.Message;

        private void Fail(string field, string message, HoconOrigin? origin) =>
            Errors.Add(new InvalidProcessSpec($"{name}.{field}", message, (origin ?? app.Root.Origin).ToString()));
    }

    /// <summary>Formats errors one per line, for logs and the CLI.</summary>
    public static string Format(IEnumerable<InvalidProcessSpec> errors) =>
        string.Join(Environment.NewLine, errors.Select(error => error.ToString()));

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
