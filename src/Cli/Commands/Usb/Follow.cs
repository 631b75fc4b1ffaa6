using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Output;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Commands.Usb;

/// <summary>
/// <c>pbm usb follow</c>: each device event as one line (time, event, device, what) as it happens, until Ctrl-C
/// (which ends it with 0). <c>--json</c> prints the API's event objects, one per line.
/// </summary>
internal static class Follow
{
    /// <summary>Options.</summary>
    public sealed record Options;

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "usb", "follow", "Print USB device events as they happen, until Ctrl-C", string.Empty, true,
        args =>
        {
            args.End();
            return new Options();
        },
        RunAsync);

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        try
        {
            await foreach (var change in context.Client.FollowUsbAsync(context.Cancellation).ConfigureAwait(false))
            {
                if (context.Json)
                {
                    JsonOutput.Write(context.IO.Out, change, ContractsJsonContext.Default.UsbDeviceEventInfo);
                }
                else
                {
                    context.IO.Out.Write(Line(change));
                    context.IO.Out.Write('\n');
                }

                await context.IO.Out.FlushAsync(context.Cancellation).ConfigureAwait(false);
            }

            context.Diagnostic("pbm: the daemon ended the stream");
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }
    }

    /// <summary>One human line: <c>2026-11-22 12:00:00  attached  1-2  0403:6001 FTDI FT232R USB UART</c>.</summary>
    public static string Line(UsbDeviceEventInfo change) =>
        $"{Format.Time(change.Timestamp)}  {change.Kind,-9} {change.Device.Id,-10} {UsbOutput.Changes(change)}";
}
