using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Akka.Actor;
using ProcessManager.Actors.Cluster;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Host.Api;
using ProcessManager.Host.Backend;
using Dto = ProcessManager.Contracts.Dtos;

namespace ProcessManager.Host.Cluster;

/// <summary>
/// `pbm --node NAME log follow PROGRAM`: the other node's <see cref="LogFollowServer"/> follows the log there and sends
/// the lines here to a <see cref="RemoteLogSubscriber"/>, which hands them to the API's stream through a bounded
/// buffer (the oldest lines go when the reader falls behind). The stream ends when that node's follower stops.
/// </summary>
internal static class RemoteLogFollow
{
    /// <summary>Lines held for a reader that falls behind, as a local follow holds.</summary>
    public const int BufferLines = 1024;

    /// <summary>Lines per message from the other node.</summary>
    public const int BatchLines = 256;

    public static async IAsyncEnumerable<Dto.LogLine> FollowAsync(
        NodeDirectory fleet,
        string node,
        IProcessBackend remote,
        string name,
        int lines,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var system = (ExtendedActorSystem)fleet.System;
        var server = fleet.Server(node, LogFollowServer.Name);
        (IActorRef Actor, ChannelReader<LogLine> Lines)? subscriber = null;
        try
        {
            // Subscribe first, then read the tail (as a local follow does): a line may show twice, none is lost.
            subscriber = await SubscribeAsync(system, server, fleet.Settings.AskTimeout, name, null, cancellationToken).ConfigureAwait(false);
            if (subscriber is null && InstanceName.TryParse(name) is var (app, index))
            {
                subscriber = await SubscribeAsync(system, server, fleet.Settings.AskTimeout, app, index, cancellationToken).ConfigureAwait(false);
            }

            if (subscriber is null)
            {
                throw ApiException.UnknownProcess(name);
            }

            var tail = lines > 0 ? await remote.TailAsync(name, lines, cancellationToken).ConfigureAwait(false) : [];
            await foreach (var line in TailThenLive.StreamAsync(tail, subscriber.Value.Lines, cancellationToken).ConfigureAwait(false))
            {
                yield return line;
            }
        }
        finally
        {
            if (subscriber is { } live)
            {
                system.Stop(live.Actor);
            }
        }
    }

    /// <summary>The subscriber of a live follow and its lines; null when the other node knows no such program.</summary>
    private static async Task<(IActorRef Actor, ChannelReader<LogLine> Lines)?> SubscribeAsync(
        ExtendedActorSystem system,
        ActorSelection server,
        TimeSpan timeout,
        string name,
        int? instance,
        CancellationToken cancellationToken)
    {
        var lines = Channel.CreateBounded<LogLine>(new BoundedChannelOptions(BufferLines)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        var started = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscriber = system.SystemActorOf(
            Props.Create(() => new RemoteLogSubscriber(lines.Writer, started)),
            $"remote-log-{Guid.NewGuid():N}");
        server.Tell(new FollowLogRemotely(name, instance, Akka.Serialization.Serialization.SerializedActorPath(subscriber)), subscriber);
        object reply;
        try
        {
            reply = await started.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            system.Stop(subscriber);
            throw;
        }

        switch (reply)
        {
            case RemoteLogFollowing:
                return (subscriber, lines.Reader);
            case ProcessNotFound:
                return null;
            default:
                throw new ApiException(502, "the other node refused the log follow: " + ((IProcessCommandError)reply).Message);
        }
    }
}
