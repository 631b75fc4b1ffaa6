using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using ProcessManager.Actors.Os;

namespace ProcessManager.Host.Hosting;

/// <summary>A point on the daemon's way from exec to ready.</summary>
public enum StartupStage
{
    /// <summary>Program.Main runs (the runtime is up).</summary>
    Main,

    /// <summary>The generic host is built (services registered, nothing started).</summary>
    HostBuilt,

    /// <summary>The PBM_HOME lock is held and the configuration read.</summary>
    Prepared,

    /// <summary>The actor system exists (Akka.Hosting runs the first actor registration).</summary>
    ActorSystem,

    /// <summary>The process manager's actors are started (supervisor, USB watcher, plugin host); the API is built next.</summary>
    ActorsStarted,

    /// <summary>The API listens on its socket.</summary>
    ApiListening,

    /// <summary>The journal is recovered and the configured apps recorded.</summary>
    Recovered,

    /// <summary>The daemon answers; programs may be spawned.</summary>
    Ready,
}

/// <summary>
/// Where a start's time went: the first time each <see cref="StartupStage"/> was reached, logged once with the ready
/// line so that a slow start can be told apart (runtime, host, actor system, journal, API) without a profiler. Fixed
/// size: one slot per stage, later marks of a stage are ignored.
/// </summary>
public static partial class StartupTimeline
{
    private static readonly long[] Marks = new long[Enum.GetValues<StartupStage>().Length];

    /// <summary>Records that <paramref name="stage"/> is reached now, unless it was already.</summary>
    public static void Mark(StartupStage stage) => Interlocked.CompareExchange(ref Marks[(int)stage], Stopwatch.GetTimestamp(), 0);

    /// <summary>
    /// "612 ms after exec (main 85, host built 140, ...); JIT ..., GC ..., CPU ...": each stage reached, as milliseconds
    /// after the process was exec'd (to the kernel's 10 ms clock tick, or after Main when the process start time cannot
    /// be read), then what the process spent until now.
    /// </summary>
    public static string Describe()
    {
        var now = Stopwatch.GetTimestamp();
        var origin = ExecTimestamp(now) ?? Marks[(int)StartupStage.Main];
        var text = new StringBuilder();
        var ready = Marks[(int)StartupStage.Ready];
        text.Append(CultureInfo.InvariantCulture, $"{Milliseconds(origin, ready == 0 ? now : ready)} ms after {(origin == Marks[(int)StartupStage.Main] ? "main" : "exec")} (");
        var first = true;
        foreach (var stage in Enum.GetValues<StartupStage>())
        {
            if (Marks[(int)stage] == 0 || stage == StartupStage.Ready)
            {
                continue;
            }

            text.Append(first ? "" : ", ").Append(CultureInfo.InvariantCulture, $"{Name(stage)} {Milliseconds(origin, Marks[(int)stage])}");
            first = false;
        }

        // What the time went into: the JIT (methods without precompiled code), the GC, and the CPU of all threads.
        var cpu = Environment.CpuUsage.TotalTime;
        return text.Append(CultureInfo.InvariantCulture, $"); JIT {System.Runtime.JitInfo.GetCompiledMethodCount()} methods in {(long)System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds} ms")
            .Append(CultureInfo.InvariantCulture, $", GC {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} (gen 0/1/2), CPU {(long)cpu.TotalMilliseconds} ms")
            .ToString();
    }

    private static long Milliseconds(long from, long to) => (long)Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    private static string Name(StartupStage stage) => stage switch
    {
        StartupStage.Main => "main",
        StartupStage.HostBuilt => "host built",
        StartupStage.Prepared => "lock and configuration",
        StartupStage.ActorSystem => "actor system",
        StartupStage.ActorsStarted => "actors started",
        StartupStage.ApiListening => "API listening",
        StartupStage.Recovered => "journal recovered",
        _ => stage.ToString(),
    };

    /// <summary>The Stopwatch timestamp of the exec: /proc/uptime now minus this process's start time after boot.</summary>
    private static long? ExecTimestamp(long now)
    {
        try
        {
            if (ProcessIdentity.ReadStartTime(Environment.ProcessId) is not { } startTicks)
            {
                return null;
            }

            var uptime = File.ReadAllText("/proc/uptime");
            var upSeconds = double.Parse(uptime[..uptime.IndexOf(' ', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
            var sinceExec = upSeconds - ProcessIdentity.SinceBoot(startTicks).TotalSeconds;
            var exec = now - (long)(sinceExec * Stopwatch.Frequency);

            // After a restart in place (execve, same pid) the kernel's start time is the first image's: not this start.
            var main = Marks[(int)StartupStage.Main];
            return sinceExec >= 0 && (main == 0 || Stopwatch.GetElapsedTime(exec, main) < TimeSpan.FromSeconds(30)) ? exec : null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Logs <see cref="Describe"/> once the daemon is ready.</summary>
    public static void Log(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var timeline = Describe();
        LogTimeline(logger, timeline);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Start-up: ready {Timeline}")]
    private static partial void LogTimeline(ILogger logger, string timeline);
}
