using System.Threading.Channels;
using Akka.Actor;
using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Cluster;

/// <summary>
/// One remote log follow: follows the program's log on this node and sends the lines to the subscriber in batches, one
/// batch in flight until acknowledged, so a slow subscriber leaves lines in the follow's own bounded buffer (which drops
/// the oldest) rather than in the remoting queues. Stops, ending the follow, when the subscriber goes away.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "An actor's resources are released in PostStop, which Akka always runs.")]
internal sealed class LogFollowForwarder : ReceiveActor
{
    private readonly CancellationTokenSource _stop = new();
    private readonly FollowLogRemotely _request;
    private readonly IActorRef _subscriber;
    private readonly IActorRef _supervisor;
    private readonly TimeSpan _timeout;
    private readonly int _batchLines;
    private ChannelReader<LogLine>? _lines;
    private string _name = "";
    private bool _awaitingAck;
    private bool _awaitingLines;

    public LogFollowForwarder(FollowLogRemotely request, IActorRef subscriber, IActorRef supervisor, TimeSpan timeout, int batchLines)
    {
        _request = request;
        _subscriber = subscriber;
        _supervisor = supervisor;
        _timeout = timeout;
        _batchLines = batchLines;

        Receive<LogFollowing>(following =>
        {
            _lines = following.Lines;
            _name = following.Name;
            _subscriber.Tell(new RemoteLogFollowing(following.Name));
            SendNext();
        });
        Receive<ProcessNotFound>(notFound => Refuse(notFound));
        Receive<Status.Failure>(failure => Refuse(new CommandFailed("the log follow did not start: " + failure.Cause.Message)));
        Receive<RemoteLogAck>(_ =>
        {
            _awaitingAck = false;
            SendNext();
        });
        Receive<LinesReady>(ready =>
        {
            _awaitingLines = false;
            if (ready.More)
            {
                SendNext();
            }
            else
            {
                Context.Stop(Self);
            }
        });
        Receive<Terminated>(_ => Context.Stop(Self));
    }

    protected override void PreStart()
    {
        Context.Watch(_subscriber);
        _supervisor.Ask<object>(new FollowLog(_request.Name, _request.Instance, _stop.Token), _timeout).PipeTo(Self);
    }

    protected override void PostStop()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private void Refuse(object reply)
    {
        _subscriber.Tell(reply);
        Context.Stop(Self);
    }

    private void SendNext()
    {
        if (_lines is null || _awaitingAck || _awaitingLines)
        {
            return;
        }

        var batch = new List<LogLine>();
        while (batch.Count < _batchLines && _lines.TryRead(out var line))
        {
            batch.Add(line);
        }

        if (batch.Count > 0)
        {
            _awaitingAck = true;
            _subscriber.Tell(new LogLines(_name, batch));
            return;
        }

        _awaitingLines = true;
        _lines.WaitToReadAsync(_stop.Token).AsTask().PipeTo(Self, success: more => new LinesReady(more), failure: _ => new LinesReady(false));
    }

    public static Props Props(FollowLogRemotely request, IActorRef subscriber, IActorRef supervisor, TimeSpan timeout, int batchLines) =>
        Akka.Actor.Props.Create(() => new LogFollowForwarder(request, subscriber, supervisor, timeout, batchLines));

    private sealed record LinesReady(bool More);
}
