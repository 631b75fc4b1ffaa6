using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Output;

namespace ProcessManager.Cli.Commands.Usb;

/// <summary><c>pbm usb describe ID</c>: one device, the apps bound to it, its recent events.</summary>
internal static class Describe
{
    /// <summary>Options.</summary>
    public sealed record Options(string Id);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "usb", "describe", "Show one USB device: attributes, interfaces, bound apps, recent events", "ID", true,
        args => new Options(UsbOutput.ReadId(args)), RunAsync);

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        var detail = await context.Client.DescribeUsbDeviceAsync(options.Id, context.Cancellation).ConfigureAwait(false);
        if (context.Json)
        {
            JsonOutput.Write(context.IO.Out, detail, j => j.UsbDeviceDetail);
            return ExitCodes.Ok;
        }

        var d = detail.Device;
        var table = new Table("FIELD", "VALUE")
            .Add("id", d.Id)
            .Add("vendor:product", UsbOutput.Ids(d))
            .Add("manufacturer", d.Manufacturer ?? "-")
            .Add("product", d.Product ?? "-")
            .Add("serial", d.Serial ?? "-")
            .Add("bus", Format.Number(d.BusNumber))
            .Add("device", Format.Number(d.DeviceNumber))
            .Add("devnode", d.DevNode ?? "-")
            .Add("class", d.DeviceClass ?? "-")
            .Add("speed", d.Speed is null ? "-" : d.Speed + " Mbit/s")
            .Add("sysfs", d.DevPath)
            .Add("interfaces", UsbOutput.Interfaces(d))
            .Add("bound apps", detail.BoundApps.Count == 0 ? "-" : string.Join(", ", detail.BoundApps));
        foreach (var change in detail.RecentEvents)
        {
            table.Add("event " + Format.Number(change.Sequence), $"{Format.Time(change.Timestamp)} {change.Kind}");
        }

        table.Write(context.IO.Out, context.IO.IsOutputTerminal);
        return ExitCodes.Ok;
    }
}
