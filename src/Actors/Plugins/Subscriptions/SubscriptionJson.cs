using System.Buffers;
using System.Text;
using System.Text.Json;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Usb.Events;
using ProcessManager.Actors.Usb.Plugins;

namespace ProcessManager.Actors.Plugins.Subscriptions;

/// <summary>The <c>params</c> of the requests a subscription sends (documented in PROTOCOL.md, "Events").</summary>
internal static class SubscriptionJson
{
    public static string Process(ProcessStateChanged changed) => Write(writer =>
    {
        var status = changed.Status;
        writer.WriteString("name", status.Name);
        writer.WriteNumber("instance", status.Instance);
        writer.WriteString("state", ProcessStateNames.Name(status.State));
        writer.WriteString("previous", ProcessStateNames.Name(changed.Previous));
        writer.WriteString("reason", changed.Reason);
        if (status.Pid is { } pid)
        {
            writer.WriteNumber("pid", pid);
        }

        if (status.LastExitCode is { } code)
        {
            writer.WriteNumber("exitCode", code);
        }

        if (status.LastSignal is { } signal)
        {
            writer.WriteNumber("signal", signal);
        }

        writer.WriteString("at", changed.At);
    });

    /// <summary>The same request an app's usb rule sends, its rule named <c>subscribe</c>.</summary>
    public static string Usb(UsbDeviceEvent change) => UsbPluginRequest.From(change, "subscribe").ToJson();

    public static string Tick(DateTimeOffset at) => Write(writer => writer.WriteString("at", at));

    private static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
