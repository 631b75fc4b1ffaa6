using System.Collections.Frozen;

namespace ProcessManager.Actors.Processes.Protocol;

/// <summary>
/// One declared app: what to run and how to supervise it. Immutable; equality is structural
/// (lists and the environment compare by content) so that applying a config can tell changed apps
/// from unchanged ones. Use <see cref="Validate"/> (or build it with ProcessSpecParser) before use.
/// </summary>
public sealed record ProcessSpec
{
    private readonly IReadOnlyList<string> _inheritEnvironment = [];

    /// <summary>App name: letters, digits, '_', '.', '-'; instances are named NAME-INDEX.</summary>
    public required string Name { get; init; }

    /// <summary>The program and its arguments (no shell). Empty when <see cref="Shell"/> is set.</summary>
    public IReadOnlyList<string> Argv { get; init; } = [];

    /// <summary>A command line run by /bin/sh -c; only with <see cref="Shell"/> = true.</summary>
    public string? Command { get; init; }

    /// <summary>Opt-in: run <see cref="Command"/> through /bin/sh -c.</summary>
    public bool Shell { get; init; }

    /// <summary>Working directory; null = the daemon's.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// Variables declared for the program; they override PATH, HOME, USER, LOGNAME and SHELL of the user it runs as and
    /// anything <see cref="InheritEnvironment"/> passes on. The daemon's own environment is not passed on.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = FrozenDictionary<string, string>.Empty;

    /// <summary>
    /// <c>env-file</c>: a dotenv file read at each (re)start of the app, below <see cref="Environment"/> (which wins);
    /// absolute once parsed from a file (a relative one resolves against the declaring file's folder and may not leave
    /// it); a relative one given otherwise resolves against <see cref="WorkingDirectory"/>. Null = none.
    /// </summary>
    public string? EnvFile { get; init; }

    /// <summary><c>env-file-max-size</c>: a larger env-file is refused (the app does not start).</summary>
    public long EnvFileMaxBytes { get; init; } = DefaultEnvFileMaxBytes;

    /// <summary>
    /// <c>watch</c>: restart the app when files change under these paths (relative ones against
    /// <see cref="WorkingDirectory"/>; empty = the working directory itself); null = off.
    /// </summary>
    public IReadOnlyList<string>? Watch { get; init; }

    /// <summary><c>watch-ignore</c>: globs of paths whose changes do not count (a pattern without '/' matches any path component).</summary>
    public IReadOnlyList<string> WatchIgnore { get; init; } = DefaultWatchIgnore;

    /// <summary><c>watch-debounce</c>: the restart waits until no file changed for this long.</summary>
    public TimeSpan WatchDebounce { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>watch-max-directories</c>: inotify watches (one per directory) the app may use; deeper folders go unwatched, with a warning.</summary>
    public int WatchMaxDirectories { get; init; } = 1000;

    /// <summary>reference.conf's watch-ignore.</summary>
    public static IReadOnlyList<string> DefaultWatchIgnore { get; } =
        ["node_modules", ".git", ".hg", ".svn", "logs", "*.log", "__pycache__", "*.pyc", ".venv", "*.swp", "*~", ".#*"];

    /// <summary>reference.conf's env-file-max-size.</summary>
    public const long DefaultEnvFileMaxBytes = 64 * 1024;

    /// <summary>
    /// The daemon's environment variables passed on to the program (<c>inherit-env</c>): exact names, NAME* prefixes, or
    /// "*" for all of them; empty (the default) passes none.
    /// </summary>
    public IReadOnlyList<string> InheritEnvironment
    {
        get => _inheritEnvironment;

        // Events journaled before inherit-env existed may read back as null.
        init => _inheritEnvironment = value ?? [];
    }

    /// <summary>Number of instances, NAME-0 .. NAME-(n-1).</summary>
    public int Instances { get; init; } = 1;

    public RestartPolicy Restart { get; init; } = RestartPolicy.Always;

    /// <summary>Exit codes that count as success for <see cref="RestartPolicy.OnFailure"/> and for jobs.</summary>
    public IReadOnlyList<int> SuccessExitCodes { get; init; } = [0];

    public BackoffSettings Backoff { get; init; } = BackoffSettings.Default;

    public CrashLoopSettings CrashLoop { get; init; } = CrashLoopSettings.Default;

    public StopSettings Stop { get; init; } = StopSettings.Default;

    /// <summary>RSS of the whole process tree above which the instance is restarted gracefully; null = no limit.</summary>
    public long? MemoryLimitBytes { get; init; }

    /// <summary>User name or uid to run as; null = the daemon's user.</summary>
    public string? User { get; init; }

    /// <summary>Group name or gid to run as; null = the user's primary group.</summary>
    public string? Group { get; init; }

    public LogSettings Logs { get; init; } = LogSettings.Default;

    public ProcessKind Kind { get; init; } = ProcessKind.Service;

    /// <summary>metrics.interval: how often CPU/RSS are sampled and the memory limit checked; null = the daemon's default.</summary>
    public TimeSpan? MetricsInterval { get; init; }

    /// <summary>metrics.history: samples kept; null = the daemon's default.</summary>
    public int? MetricsHistory { get; init; }

    /// <summary>Jobs only: the process group is killed when a run lasts longer; null = no timeout.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Jobs only: how many past runs are kept (oldest dropped first).</summary>
    public int JobHistoryLimit { get; init; } = 100;

    /// <summary>Whether the app is started when declared (config load, apply); false = declared stopped.</summary>
    public bool Autostart { get; init; } = true;

    /// <summary>In a cluster: one copy per node, or one in the whole cluster.</summary>
    public AppPlacement Placement { get; init; } = AppPlacement.EveryNode;

    /// <summary>In a cluster: only nodes with this role run the app; null = any node.</summary>
    public string? PlacementRole { get; init; }

    /// <summary>Where the spec was declared ("apps.conf:12"), for error messages; not part of equality.</summary>
    public string? Origin { get; init; }

    /// <summary>
    /// The full path of the file whose apply declared the app; null for apps started by hand (or declared before
    /// this was recorded). An apply removes only the apps of its own file unless told to prune. Not part of equality.
    /// </summary>
    public string? SourceFile { get; init; }

    /// <summary>
    /// For the per-device app of a USB rule ("logger.1-2"): the rule's app ("logger"), whose spec it was made from.
    /// An apply leaves such apps alone while the file still has the rule, and removes them when it no longer has it.
    /// Null for any other app. Not part of equality.
    /// </summary>
    public string? DerivedFrom { get; init; }

    /// <summary>The argv actually executed: <see cref="Argv"/>, or /bin/sh -c COMMAND.</summary>
    public IReadOnlyList<string> EffectiveArgv =>
        Shell && Command is not null ? ["/bin/sh", "-c", Command] : Argv;

    /// <summary>Instance full name: NAME-INDEX.</summary>
    public string InstanceName(int index) => $"{Name}-{index}";

    /// <summary>Every problem with this spec, each naming its field; empty when valid.</summary>
    public IReadOnlyList<InvalidProcessSpec> Validate() => ProcessSpecValidator.Validate(this);

    public bool Equals(ProcessSpec? other) =>
        other is not null
        && (ReferenceEquals(this, other) || (
            Name == other.Name
            && Argv.SequenceEqual(other.Argv)
            && Command == other.Command
            && Shell == other.Shell
            && WorkingDirectory == other.WorkingDirectory
            && EnvironmentEquals(Environment, other.Environment)
            && InheritEnvironment.SequenceEqual(other.InheritEnvironment)
            && EnvFile == other.EnvFile
            && EnvFileMaxBytes == other.EnvFileMaxBytes
            && (Watch is null ? other.Watch is null : other.Watch is not null && Watch.SequenceEqual(other.Watch))
            && WatchIgnore.SequenceEqual(other.WatchIgnore)
            && WatchDebounce == other.WatchDebounce
            && WatchMaxDirectories == other.WatchMaxDirectories
            && Instances == other.Instances
            && Restart == other.Restart
            && SuccessExitCodes.Order().SequenceEqual(other.SuccessExitCodes.Order())
            && Backoff == other.Backoff
            && CrashLoop == other.CrashLoop
            && Stop == other.Stop
            && MemoryLimitBytes == other.MemoryLimitBytes
            && User == other.User
            && Group == other.Group
            && Logs == other.Logs
            && Kind == other.Kind
            && MetricsInterval == other.MetricsInterval
            && MetricsHistory == other.MetricsHistory
            && Timeout == other.Timeout
            && JobHistoryLimit == other.JobHistoryLimit
            && Autostart == other.Autostart
            && Placement == other.Placement
            && PlacementRole == other.PlacementRole));

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Name);
        foreach (var arg in Argv)
        {
            hash.Add(arg);
        }

        hash.Add(Command);
        hash.Add(Instances);
        hash.Add(Kind);
        return hash.ToHashCode();
    }

    /// <summary>True when only the instance count differs: scaling does not restart existing instances.</summary>
    public bool DiffersOnlyInInstances(ProcessSpec other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return this with { Instances = other.Instances } == other;
    }

    private static bool EnvironmentEquals(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var value) && value == pair.Value);
}
