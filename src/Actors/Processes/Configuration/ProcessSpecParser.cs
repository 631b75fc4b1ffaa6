using System.Collections.Frozen;
using System.Globalization;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Hocon;

namespace ProcessManager.Actors.Processes.Configuration;

/// <summary>
/// Reads app declarations from HOCON: a block whose keys are app names (pbm.processes, or an app
/// file), each app falling back to pbm.process-defaults. Reports every error at once, each naming the
/// app, the field and the file:line.
/// </summary>
public static class ProcessSpecParser
{
    private static readonly FrozenSet<string> KnownKeys = FrozenSet.Create(
        StringComparer.Ordinal,
        "command", "argv", "shell", "cwd", "env", "instances", "restart", "success-exit-codes", "backoff", "crash-loop",
        "stop", "memory-limit", "user", "group", "logs", "kind", "timeout", "job-history", "autostart");

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
            var key = field.Split('.')[0] is "argv" && !app.HasPath("argv") ? "command" : field;
            return (_merged.GetValue(key) ?? _merged.GetValue(key.Split('.')[0]))?.Origin.ToString() ?? app.Root.Origin.ToString();
        }

        public ProcessSpec Read()
        {
            foreach (var key in app.Root.Keys.Where(key => !KnownKeys.Contains(key)))
            {
                Fail(key, $"unknown key; known keys are {string.Join(", ", KnownKeys.Order(StringComparer.Ordinal))}", app.GetValue(key)?.Origin);
            }

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
                WorkingDirectory = Get("cwd", () => _merged.GetString("cwd", null), null),
                Environment = Get("env", ReadEnvironment, FrozenDictionary<string, string>.Empty),
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
                MemoryLimitBytes = Get("memory-limit", () => IsOff("memory-limit") ? null : _merged.GetByteSize("memory-limit"), null),
                User = Get("user", () => _merged.GetString("user", null), null),
                Group = Get("group", () => _merged.GetString("group", null), null),
                Logs = new Protocol.LogSettings(
                    Get("logs.directory", () => _merged.GetString("logs.directory", null), null),
                    Get("logs.max-file-size", () => _merged.GetByteSize("logs.max-file-size", Protocol.LogSettings.Default.MaxFileBytes), Protocol.LogSettings.Default.MaxFileBytes),
                    Get("logs.max-files", () => _merged.GetInt("logs.max-files", Protocol.LogSettings.Default.MaxFiles), Protocol.LogSettings.Default.MaxFiles),
                    Get("logs.tail-lines", () => _merged.GetInt("logs.tail-lines", Protocol.LogSettings.Default.TailLines), Protocol.LogSettings.Default.TailLines)),
                Kind = kind,
                Timeout = Get("timeout", () => OptionalDuration("timeout", null), null),
                JobHistoryLimit = Get("job-history", () => _merged.GetInt("job-history", 100), 100),
                Autostart = Get("autostart", () => _merged.GetBoolean("autostart", true), true),
                Origin = app.Root.Origin.ToString(),
            };
        }

        private (IReadOnlyList<string> Argv, string? Command) ReadCommand(bool shell)
        {
            var key = app.HasPath("argv") ? "argv" : "command";
            if (app.HasPath("argv") && app.HasPath("command"))
            {
                Fail("command", "give either command or argv, not both", app.GetValue("command")?.Origin);
                return ([], null);
            }

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

        private TimeSpan? OptionalDuration(string path, TimeSpan? fallback) =>
            _merged.GetValue(path) is null ? fallback : IsOff(path) ? null : _merged.GetTimeSpan(path);

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
