using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Output;

namespace ProcessManager.Cli.Commands.Usb;

/// <summary><c>pbm usb list</c>: the USB devices present.</summary>
internal static class List
{
    /// <summary>Options.</summary>
    public sealed record Options;

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "usb", "list", "List the USB devices present", string.Empty, true,
        args =>
        {
            args.End();
            return new Options();
        },
        RunAsync);

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        var devices = await context.Client.ListUsbDevicesAsync(context.Cancellation).ConfigureAwait(false);
        if (context.Json)
        {
            JsonOutput.Write(context.IO.Out, devices, j => j.IReadOnlyListUsbDeviceInfo);
            return ExitCodes.Ok;
        }

        var table = new Table("ID", "VENDOR:PRODUCT", "NAME", "SERIAL", "BUS", "DEV", "DEVNODE");
        foreach (var d in devices)
        {
            table.Add(d.Id, UsbOutput.Ids(d), UsbOutput.Name(d), d.Serial ?? "-", Format.Number(d.BusNumber), Format.Number(d.DeviceNumber), d.DevNode ?? "-");
        }

        table.Write(context.IO.Out, context.IO.IsOutputTerminal);
        return ExitCodes.Ok;
    }
}
