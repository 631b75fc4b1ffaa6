using System.Threading.Channels;
using Akka.Actor;
using ProcessManager.Actors.Cluster;
using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Host.Cluster;

/// <summary>
/// This node's end of a remote log follow: reports how the follow started, writes each batch of lines into the
/// stream's buffer and acknowledges it, and ends the stream when the other node's forwarder stops (or its node goes).
/// </summary>
internal sealed class RemoteLogSubscriber : ReceiveActor
{
    private readonly ChannelWriter<LogLine> _lines;

    public RemoteLogSubscriber(ChannelWriter<LogLine> lines, TaskCompletionSource<object> started)
    {
        _lines = lines;
        Receive<RemoteLogFollowing>(following =>
        {
            Context.Watch(Sender);
            started.TrySetResult(following);
        });
        Receive<IProcessCommandError>(error =>
        {
            started.TrySetResult(error);
            Context.Stop(Self);
        });
        Receive<LogLines>(batch =>
        {
            foreach (var line in batch.Lines)
            {
                _lines.TryWrite(line);
            }

            Sender.Tell(RemoteLogAck.Instance);
        });
        Receive<Terminated>(_ => Context.Stop(Self));
    }

    protected override void PostStop() => _lines.TryComplete();
}
