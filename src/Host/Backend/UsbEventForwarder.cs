using System.Threading.Channels;
using Akka.Actor;
using ProcessManager.Actors.Usb.Events;

namespace ProcessManager.Host.Backend;

/// <summary>
/// Bridges device events on the event stream to one API follower: a bounded channel that drops the oldest event when
/// the caller reads too slowly, so a stalled client never holds daemon memory.
/// </summary>
internal sealed class UsbEventForwarder : ReceiveActor
{
    public UsbEventForwarder(ChannelWriter<UsbDeviceEvent> writer)
    {
        Receive<UsbDeviceEvent>(change => writer.TryWrite(change));
    }

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(UsbDeviceEvent));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
