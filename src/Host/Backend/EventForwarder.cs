using System.Threading.Channels;
using Akka.Actor;
using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Host.Backend;

/// <summary>
/// Bridges the event stream to one API event subscriber: a bounded channel that drops the oldest event when
/// the caller reads too slowly, so a stalled client never holds daemon memory.
/// </summary>
internal sealed class EventForwarder : ReceiveActor
{
    private readonly ChannelWriter<ProcessStateChanged> _writer;

    public EventForwarder(ChannelWriter<ProcessStateChanged> writer)
    {
        _writer = writer;
        Receive<ProcessStateChanged>(changed => _writer.TryWrite(changed));
    }

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(ProcessStateChanged));

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        _writer.TryComplete();
    }
}
