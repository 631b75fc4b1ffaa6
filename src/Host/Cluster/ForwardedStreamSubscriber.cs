using System.Threading.Channels;
using Akka.Actor;
using ProcessManager.Actors.Cluster;
using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Host.Cluster;

/// <summary>
/// This node's end of a forwarded stream: reports how it opened (the forwarder, or the other API's refusal), puts each
/// line into the stream's buffer (the reader acknowledges it), and ends the stream when the forwarder stops or its
/// node goes.
/// </summary>
internal sealed class ForwardedStreamSubscriber : ReceiveActor
{
    private readonly ChannelWriter<string> _lines;

    public ForwardedStreamSubscriber(ChannelWriter<string> lines, TaskCompletionSource<object> opened)
    {
        _lines = lines;
        Receive<ForwardedApiStreamStarted>(_ =>
        {
            Context.Watch(Sender);
            opened.TrySetResult(Sender);
        });
        Receive<ForwardedApiResponse>(refused => Refuse(opened, refused));
        Receive<CommandFailed>(failed => Refuse(opened, failed));
        Receive<ForwardedApiLine>(line => _lines.TryWrite(line.Line));
        Receive<Terminated>(_ => Context.Stop(Self));
    }

    protected override void PostStop() => _lines.TryComplete();

    private void Refuse(TaskCompletionSource<object> opened, object answer)
    {
        opened.TrySetResult(answer);
        Context.Stop(Self);
    }
}
