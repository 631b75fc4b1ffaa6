using System.Globalization;
using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Output;

namespace ProcessManager.Cli.Commands.Process;

/// <summary><c>pbm process history NAME [--since T]</c>: the persisted state changes, oldest first.</summary>
internal static class History
{
    /// <summary>Options.</summary>
    /// <param name="Since">An ISO-8601 time, or a duration back from now such as 90s, 10m, 2h, 1d.</param>
    public sealed record Options(string Name, string? Since);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "process", "history", "Show the persisted state changes of a process", "NAME [--since TIME|DURATION]", true, Parse, RunAsync);

    private static Options Parse(ArgumentReader args)
    {
        var since = args.Value("--since");
        return new Options(ProcessNameArgument.Read(args), since);
    }

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        var cutoff = options.Since is null ? (DateTimeOffset?)null : SinceToTime(options.Since, context.Clock.UtcNow);
        // The daemon filters by time, so a long history is not sent only to be dropped here.
        var entries = await context.Client.GetHistoryAsync(options.Name, cutoff, context.Cancellation).ConfigureAwait(false);
        if (context.Json)
        {
            JsonOutput.Write(context.IO.Out, entries, j => j.IReadOnlyListHistoryEntry);
            return ExitCodes.Ok;
        }

        var table = new Table("SEQ", "TIME", "EVENT", "DETAIL");
        foreach (var e in entries)
        {
            table.Add(Format.Number(e.SequenceNr), Format.Time(e.Timestamp), e.Event, e.Detail);
        }

        table.Write(context.IO.Out, context.IO.IsOutputTerminal);
        return ExitCodes.Ok;
    }

    /// <summary>An ISO-8601 time as given, or a whole number with s, m, h or d counted back from now.</summary>
    internal static DateTimeOffset SinceToTime(string since, DateTimeOffset now)
    {
        if (DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        var unit = since.Length > 1 ? since[^1] : ' ';
        if (long.TryParse(since.AsSpan(0, Math.Max(0, since.Length - 1)), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            TimeSpan? back = unit switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => null,
            };
            if (back is { } span)
            {
                return now - span;
            }
        }

        throw new UsageException($"--since takes a time (2026-11-22T10:00:00Z) or a duration back from now (90s, 10m, 2h, 1d), not '{since}'");
    }
}
