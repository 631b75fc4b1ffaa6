using System.Buffers;

namespace ProcessManager.Actors.Processes.Protocol;

/// <summary>Checks a spec field by field; each error names the field and says what is allowed.</summary>
internal static class ProcessSpecValidator
{
    private const int MaxNameLength = 64;

    /// <summary>The longest duration a spec may give: timers (Akka's scheduler, Task.Delay) count milliseconds in an int.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(24);

    /// <summary>1 PiB: beyond any machine, and far from overflowing the byte counts it is compared with.</summary>
    private const long MaxMemoryLimitBytes = 1L << 50;

    private static readonly SearchValues<char> NameChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-");

    public static IReadOnlyList<InvalidProcessSpec> Validate(ProcessSpec spec)
    {
        var errors = new List<InvalidProcessSpec>();
        void Fail(string field, string message) => errors.Add(new InvalidProcessSpec(field, message, spec.Origin));

        if (string.IsNullOrEmpty(spec.Name) || spec.Name.Length > MaxNameLength
            || spec.Name.AsSpan().IndexOfAnyExcept(NameChars) >= 0 || spec.Name[0] is '.' or '-')
        {
            Fail("name", $"'{spec.Name}' is not a valid name: use 1 to {MaxNameLength} letters, digits, '_', '.' or '-', not starting with '.' or '-'");
        }

        if (spec.Shell)
        {
            if (string.IsNullOrWhiteSpace(spec.Command))
            {
                Fail("command", "shell = true needs a non-empty command string");
            }

            if (spec.Argv.Count > 0)
            {
                Fail("command", "give either command = [program, args...] (no shell) or command = \"a line\" with shell = true, not both");
            }
        }
        else if (spec.Command is not null)
        {
            Fail("shell", "a command string runs through /bin/sh only with shell = true; or give command as a list [program, args...]");
        }
        else if (spec.Argv.Count == 0 || string.IsNullOrEmpty(spec.Argv[0]))
        {
            Fail("command", "the program to run is missing: give command = [program, args...]");
        }

        if (spec.Argv.Any(arg => arg is null || arg.Contains('\0', StringComparison.Ordinal)))
        {
            Fail("command", "arguments must not be null or contain NUL characters");
        }

        if (spec.EnvFile is { } envFile && (envFile.Length == 0 || envFile.Contains('\0', StringComparison.Ordinal)))
        {
            Fail("env-file", "must be a path to a dotenv file; omit it for none");
        }

        if (spec.EnvFileMaxBytes is < 1 or > 16L * 1024 * 1024)
        {
            Fail("env-file-max-size", "must be between 1B and 16MiB");
        }

        foreach (var path in spec.Watch ?? [])
        {
            // Lexically: a relative path must stay in the app's folder (an absolute one is the config author's choice).
            if (string.IsNullOrEmpty(path) || path.Contains('\0', StringComparison.Ordinal)
                || (!Path.IsPathRooted(path) && Path.GetFullPath(path, "/app") is var full && full != "/app" && !full.StartsWith("/app/", StringComparison.Ordinal)))
            {
                Fail("watch", $"'{path}' is not a path inside the app's folder; give on, off, or a list of paths in it (absolute paths for elsewhere)");
            }
        }

        if (spec.WatchIgnore.Any(string.IsNullOrWhiteSpace))
        {
            Fail("watch-ignore", "globs must not be empty");
        }

        if (spec.WatchDebounce < TimeSpan.FromMilliseconds(10) || spec.WatchDebounce > TimeSpan.FromMinutes(10))
        {
            Fail("watch-debounce", "must be between 10ms and 10m");
        }

        if (spec.WatchMaxDirectories is < 1 or > 100_000)
        {
            Fail("watch-max-directories", "must be 1-100000");
        }

        if (spec.WorkingDirectory is { Length: 0 })
        {
            Fail("cwd", "must not be empty; omit it to use the daemon's directory");
        }

        foreach (var allowed in spec.InheritEnvironment)
        {
            var name = allowed.EndsWith('*') ? allowed[..^1] : allowed;
            if (allowed.Length == 0 || name.Contains('=', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal) || name.Contains('*', StringComparison.Ordinal))
            {
                Fail("inherit-env", $"'{allowed}' is not a variable name, a NAME* prefix or \"*\"");
            }
        }

        foreach (var key in spec.Environment.Keys)
        {
            if (key.Length == 0 || key.Contains('=', StringComparison.Ordinal) || key.Contains('\0', StringComparison.Ordinal))
            {
                Fail("env", $"'{key}' is not a valid variable name");
            }
        }

        if (spec.Instances is < 0 or > 1000)
        {
            Fail("instances", $"{spec.Instances} is out of range 0..1000");
        }

        if (spec.Kind == ProcessKind.Job && spec.Instances > 1)
        {
            Fail("instances", "a job runs as a single instance");
        }

        if (spec.SuccessExitCodes.Any(code => code is < 0 or > 255))
        {
            Fail("success-exit-codes", "exit codes are 0..255");
        }

        ValidateBackoff(spec.Backoff, Fail);
        ValidateCrashLoop(spec.CrashLoop, Fail);

        if (spec.Stop.Signal is < 1 or > 64)
        {
            Fail("stop.signal", $"{spec.Stop.Signal} is not a signal number (1..64)");
        }

        if (spec.Stop.Timeout < TimeSpan.Zero)
        {
            Fail("stop.timeout", "must not be negative");
        }

        if (spec.MemoryLimitBytes is <= 0)
        {
            Fail("memory-limit", "must be a positive size such as 512MiB; omit it for no limit");
        }

        if (spec.MemoryLimitBytes > MaxMemoryLimitBytes)
        {
            Fail("memory-limit", $"{spec.MemoryLimitBytes} bytes is more than the largest allowed, 1PiB");
        }

        foreach (var (field, duration) in Durations(spec))
        {
            if (duration > MaxDuration)
            {
                Fail(field, $"{duration} is longer than the longest allowed duration, {MaxDuration.TotalDays:0}d");
            }
        }

        ValidateLogs(spec.Logs, Fail);

        if (spec.MetricsInterval is { } interval && interval < TimeSpan.FromMilliseconds(100))
        {
            Fail("metrics.interval", "must be at least 100ms");
        }

        if (spec.MetricsHistory is < 1 or > 1_000_000)
        {
            Fail("metrics.history", "must be 1..1000000");
        }

        if (spec.Timeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            Fail("timeout", "must be positive; omit it for no timeout");
        }

        if (spec.Timeout is not null && spec.Kind != ProcessKind.Job)
        {
            Fail("timeout", "only jobs (kind = job) have a timeout");
        }

        if (spec.JobHistoryLimit is < 1 or > 100_000)
        {
            Fail("job-history", "must be 1..100000");
        }

        return errors;
    }

    private static IEnumerable<(string Field, TimeSpan? Duration)> Durations(ProcessSpec spec) =>
    [
        ("stop.timeout", spec.Stop.Timeout),
        ("backoff.min", spec.Backoff.Min),
        ("backoff.max", spec.Backoff.Max),
        ("backoff.reset-after", spec.Backoff.ResetAfter),
        ("crash-loop.within", spec.CrashLoop.Within),
        ("crash-loop.cool-down", spec.CrashLoop.CoolDown),
        ("metrics.interval", spec.MetricsInterval),
        ("timeout", spec.Timeout),
    ];

    private static void ValidateLogs(LogSettings logs, Action<string, string> fail)
    {
        if (logs.Directory is { Length: 0 })
        {
            fail("logs.directory", "must not be empty; omit it for the daemon's log directory");
        }

        if (logs.TailLines is < 0 or > 1_000_000)
        {
            fail("logs.ring-buffer-lines", "must be 0..1000000");
        }

        if (logs.QueueCapacityLines < 1)
        {
            fail("logs.queue-capacity", "must be at least 1");
        }

        try
        {
            Execution.LogSettingsMapping.ToOs(logs).Validate();
        }
        catch (ArgumentException error)
        {
            fail("logs." + error.ParamName, error.Message);
        }
    }

    private static void ValidateBackoff(BackoffSettings backoff, Action<string, string> fail)
    {
        if (backoff.Min < TimeSpan.Zero)
        {
            fail("backoff.min", "must not be negative");
        }

        if (backoff.Max < backoff.Min)
        {
            fail("backoff.max", $"{backoff.Max} is smaller than backoff.min {backoff.Min}");
        }

        if (double.IsNaN(backoff.RandomFactor) || backoff.RandomFactor is < 0 or > 10)
        {
            fail("backoff.random-factor", "must be 0..10 (0 = no jitter)");
        }

        if (backoff.ResetAfter < TimeSpan.Zero)
        {
            fail("backoff.reset-after", "must not be negative");
        }
    }

    private static void ValidateCrashLoop(CrashLoopSettings crashLoop, Action<string, string> fail)
    {
        if (crashLoop.MaxRestarts < 1)
        {
            fail("crash-loop.max-restarts", "must be at least 1");
        }

        if (crashLoop.MaxRestarts > 10_000)
        {
            fail("crash-loop.max-restarts", "must be at most 10000 (the restart window is kept in memory)");
        }

        if (crashLoop.Within <= TimeSpan.Zero)
        {
            fail("crash-loop.within", "must be positive");
        }

        if (crashLoop.CoolDown is { } coolDown && coolDown < TimeSpan.Zero)
        {
            fail("crash-loop.cool-down", "must not be negative; use off for a permanent crash-loop");
        }
    }
}
