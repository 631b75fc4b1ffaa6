using System.Globalization;
using ProcessManager.Actors.Diagnostics;
using ProcessManager.Actors.Processes.Protocol;
using Dto = ProcessManager.Contracts.Dtos;

namespace ProcessManager.Host.Backend;

/// <summary>Maps the actor protocol onto the API's stable DTOs (and state names onto their kebab-case names).</summary>
internal static class ProcessDtoMapper
{
    public static string StateName(ProcessState state) => ProcessStateNames.Name(state);

    public static string PolicyName(RestartPolicy policy) => policy switch
    {
        RestartPolicy.Always => "always",
        RestartPolicy.OnFailure => "on-failure",
        RestartPolicy.Never => "never",
        _ => policy.ToString().ToLowerInvariant(),
    };

    public static RestartPolicy? ParsePolicy(string? text) => text switch
    {
        null => null,
        "always" => RestartPolicy.Always,
        "on-failure" => RestartPolicy.OnFailure,
        "never" => RestartPolicy.Never,
        _ => throw new Api.ApiException(400, $"unknown restart policy '{text}'", "use always, on-failure or never"),
    };

    public static Dto.ProcessStatus Status(ProcessStatus status) => new(
        status.Name,
        StateName(status.State),
        status.Pid,
        status.Restarts,
        status.Uptime?.TotalSeconds,
        status.CpuPercent,
        status.RssBytes,
        status.Instance,
        status.CapturedLogLines,
        status.DroppedLogLines);

    /// <summary>One row for an app: its first instance, with restarts summed over all instances.</summary>
    public static Dto.ProcessStatus Summary(string name, IReadOnlyList<ProcessStatus> instances)
    {
        if (instances.Count == 0)
        {
            return new Dto.ProcessStatus(name, "stopped", null, 0, null, null, null);
        }

        var first = Status(instances[0]);
        return instances.Count == 1 ? first : first with { Restarts = instances.Sum(i => i.Restarts), LogLines = instances.Sum(i => i.CapturedLogLines), DroppedLogLines = instances.Sum(i => i.DroppedLogLines) };
    }

    public static Dto.ProcessDescription Description(ProcessDescription description)
    {
        var spec = description.Spec;
        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["desired"] = description.DesiredState == DesiredState.Running ? "running" : "stopped",
            ["kind"] = spec.Kind == ProcessKind.Job ? "job" : "service",
            ["stop-signal"] = SignalNames.Name(spec.Stop.Signal),
            ["stop-timeout"] = spec.Stop.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s",
        };
        if (spec.MemoryLimitBytes is { } limit)
        {
            details["memory-limit"] = ByteSize(limit);
        }

        if (spec.Origin is { } origin)
        {
            details["declared-at"] = origin;
        }

        // Values are secrets as often as not: the API redacts env.* unless asked (Api/SecretRedaction).
        foreach (var (key, value) in spec.Environment)
        {
            details["env." + key] = value;
        }

        if (spec.Watch is { } watch)
        {
            details["watch"] = watch.Count == 0 ? "on (the app's folder)" : string.Join(", ", watch);
        }

        if (spec.EnvFile is { } envFile)
        {
            details["env-file"] = envFile;
        }

        if (spec.InheritEnvironment.Count > 0)
        {
            details["inherit-env"] = string.Join(", ", spec.InheritEnvironment);
        }

        foreach (var instance in description.Instances)
        {
            var facts = new List<string> { StateName(instance.State) };
            if (instance.Pid is { } pid)
            {
                facts.Add($"pid {pid}");
            }

            if (instance.LastExitCode is { } code)
            {
                facts.Add($"last exit {code}");
            }

            if (instance.LastSignal is { } signal)
            {
                facts.Add($"last signal {SignalNames.Name(signal)}");
            }

            if (instance.Error is { } error)
            {
                facts.Add(error);
            }

            details["instance " + instance.FullName] = string.Join(", ", facts);
        }

        return new Dto.ProcessDescription(
            Summary(spec.Name, description.Instances),
            spec.EffectiveArgv,
            spec.WorkingDirectory,
            PolicyName(spec.Restart),
            spec.Instances,
            details)
        {
            LastExit = description.Instances
                .Where(instance => instance.LastExitReason is not null || instance.LastExitCode is not null || instance.LastSignal is not null)
                .ToDictionary(instance => instance.FullName, LastExitOf, StringComparer.Ordinal),
        };
    }

    /// <summary>The instance's exit reason; after a daemon restart (which keeps only the code or signal) those alone.</summary>
    private static string LastExitOf(ProcessStatus instance) =>
        instance.LastExitReason
        ?? (instance.LastSignal is { } signal ? $"killed by {SignalNames.Name(signal)}" : $"exit code {instance.LastExitCode}");

    /// <summary>536870912 → "512 MiB": the largest binary unit that divides the size, as a config file writes it.</summary>
    public static string ByteSize(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        var unit = 0;
        var value = bytes;
        while (unit < units.Length - 1 && value != 0 && value % 1024 == 0)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString(CultureInfo.InvariantCulture) + " " + units[unit];
    }

    public static Dto.LogLine Log(LogLine line) =>
        new(line.Timestamp, line.Instance, line.Stream == LogSource.Stderr ? "stderr" : "stdout", line.Text);

    public static Dto.HistoryEntry History(ProcessHistoryEntry entry) =>
        new(entry.SequenceNr, entry.Timestamp, entry.Event, string.IsNullOrEmpty(entry.Detail) ? entry.Instance : $"{entry.Instance}: {entry.Detail}");

    public static Dto.ProcessEvent Event(ProcessStateChanged changed) =>
        new(changed.At, changed.Status.FullName, StateName(changed.State), changed.Status.Pid, changed.Reason, StateName(changed.Previous));

    public static Dto.ActorNode Actor(ActorTreeNode node) => new(
        node.Path == "/" ? "/" : node.Name,
        node.Path,
        node.ActorType is { } type ? ShortType(type) : null,
        node.Children.Select(Actor).ToList());

    private static string ShortType(string type)
    {
        var dot = type.LastIndexOf('.');
        return dot >= 0 ? type[(dot + 1)..] : type;
    }
}
