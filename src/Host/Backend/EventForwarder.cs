using System.Threading.Channels;
using Akka.Actor;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Usb.Events;

namespace ProcessManager.Host.Backend;

/// <summary>
/// Bridges the event stream to one API event subscriber: a bounded channel that drops the oldest event when
/// the caller reads too slowly, so a stalled client never holds daemon memory. Carries process state changes and
/// USB device events, in the order the event stream delivered them.
/// </summary>
internal sealed class EventForwarder : ReceiveActor
{
    private readonly ChannelWriter<object> _writer;

    public EventForwarder(ChannelWriter<object> writer)
    {
        _writer = writer;
        Receive<ProcessStateChanged>(changed => _writer.TryWrite(changed));
        Receive<UsbDeviceEvent>(change => _writer.TryWrite(change));
    }

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(ProcessStateChanged));
        Context.System.EventStream.Subscribe(Self, typeof(UsbDeviceEvent));
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        _writer.TryComplete();
    }
}
