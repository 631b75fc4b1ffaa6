using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Output;

namespace ProcessManager.Cli.Commands.Usb;

/// <summary><c>pbm usb history [ID] [-n N]</c>: the persisted device events, oldest first.</summary>
internal static class History
{
    /// <summary>Options.</summary>
    public sealed record Options(string? Id, int Limit);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "usb", "history", "Show the recorded USB device events (of one device with ID)", "[ID] [-n COUNT]", true, Parse, RunAsync);

    /// <summary>Parses the arguments.</summary>
    public static Options Parse(ArgumentReader args)
    {
        var limit = args.Number("--limit", "-n", 100, 1, 100_000);
        var ids = args.Positionals(0, 1, "ID");
        return new Options(ids.Count == 1 ? UsbOutput.CheckId(ids[0]) : null, limit);
    }

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        var events = await context.Client.GetUsbHistoryAsync(options.Limit, options.Id, context.Cancellation).ConfigureAwait(false);
        if (context.Json)
        {
            JsonOutput.Write(context.IO.Out, events, j => j.IReadOnlyListUsbDeviceEventInfo);
            return ExitCodes.Ok;
        }

        var table = new Table("SEQ", "TIME", "EVENT", "ID", "DETAIL");
        foreach (var e in events)
        {
            table.Add(Format.Number(e.Sequence), Format.Time(e.Timestamp), e.Kind, e.Device.Id, UsbOutput.Changes(e));
        }

        table.Write(context.IO.Out, context.IO.IsOutputTerminal);
        return ExitCodes.Ok;
    }
}
