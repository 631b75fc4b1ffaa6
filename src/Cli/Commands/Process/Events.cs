using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Output;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Commands.Process;

/// <summary>
/// <c>pbm process events [NAME]</c>: each state change as one line (time, instance, from → to, pid, reason) as it
/// happens, and USB device events (usb:ID attached/detached/changed; not when NAME is given), until Ctrl-C (which ends it with 0, like <c>log follow</c>). <c>--json</c> prints the API's event objects,
/// one per line.
/// </summary>
internal static class Events
{
    /// <summary>
    /// How many instances the "from" column remembers for a daemon that does not send the previous state; past that
    /// it forgets them all and shows "-" until each changes again, so a stream left open for weeks stays bounded.
    /// </summary>
    public const int MaxTrackedInstances = 4096;

    /// <summary>Options.</summary>
    /// <param name="Name">Only this app's instances (NAME or NAME-INDEX); null for all.</param>
    /// <param name="AllNodes">Every cluster node's events, each with its node, and the membership changes.</param>
    public sealed record Options(string? Name, bool AllNodes = false);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "process", "events", "Print process state changes as they happen, until Ctrl-C", "[NAME] [--all-nodes]", true, Parse, RunAsync);

    /// <summary>Parses the arguments.</summary>
    public static Options Parse(ArgumentReader args)
    {
        var allNodes = args.Flag("--all-nodes");
        var names = args.Positionals(0, 1, "NAME");
        return new Options(names.Count == 1 ? ProcessNameArgument.Check(names[0]) : null, allNodes);
    }

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var events = options.AllNodes ? context.Client.EventsOfAllNodesAsync(context.Cancellation) : context.Client.EventsAsync(context.Cancellation);
            await foreach (var change in events.ConfigureAwait(false))
            {
                if (options.Name is not null && !IsInstanceOf(change.Process, options.Name))
                {
                    continue;
                }

                if (last.Count >= MaxTrackedInstances && !last.ContainsKey(change.Process))
                {
                    last.Clear();
                }

                var from = change.Previous ?? last.GetValueOrDefault(change.Process);
                last[change.Process] = change.Status;
                if (context.Json)
                {
                    JsonOutput.Write(context.IO.Out, change, ContractsJsonContext.Default.ProcessEvent);
                }
                else
                {
                    context.IO.Out.Write(Line(change, from));
                    context.IO.Out.Write('\n');
                }

                await context.IO.Out.FlushAsync(context.Cancellation).ConfigureAwait(false);
            }

            context.Diagnostic("pbm: the daemon ended the stream");
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            // Ctrl-C is how an event stream is meant to end.
            return ExitCodes.Ok;
        }
    }

    /// <summary>One human line: <c>2026-11-22 12:00:00  web-0  starting → running  pid 4242  started</c>.</summary>
    public static string Line(ProcessEvent change, string? from)
    {
        if (change.Source == "usb")
        {
            // A USB device event: "2026-11-22 12:00:00  usb:1-2  attached  0403:6001 FTDI FT232R USB UART".
            var usb = $"{Format.Time(change.Timestamp)}  {change.Process,-20} {change.Status,-26} {"-",-10}";
            return string.IsNullOrEmpty(change.Detail) ? usb.TrimEnd() : usb + " " + change.Detail;
        }

        var transition = $"{from ?? "-"} → {change.Status}";
        var pid = change.Pid is { } p ? "pid " + Format.Number(p) : "-";
        var process = change.Node is null ? change.Process : $"{change.Node}/{change.Process}";
        var line = $"{Format.Time(change.Timestamp)}  {process,-20} {transition,-26} {pid,-10}";
        return string.IsNullOrEmpty(change.Detail) ? line.TrimEnd() : line + " " + change.Detail;
    }

    /// <summary>True when <paramref name="instance"/> (NAME-INDEX) belongs to <paramref name="name"/>, or is it.</summary>
    public static bool IsInstanceOf(string instance, string name) =>
        instance == name
        || (instance.Length > name.Length + 1
            && instance.StartsWith(name, StringComparison.Ordinal)
            && instance[name.Length] == '-'
            && instance.AsSpan(name.Length + 1).IndexOfAnyExceptInRange('0', '9') < 0);
}
