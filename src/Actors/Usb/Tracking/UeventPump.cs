using System.Diagnostics;
using System.Net.Sockets;
using System.Threading.Channels;
using Akka.Actor;
using ProcessManager.Actors.Usb.Netlink;

namespace ProcessManager.Actors.Usb.Tracking;

/// <summary>
/// The watcher's readers: each reads its source in order on its own task (never on the mailbox thread), interprets
/// every payload and tells the watcher the result, so that the actor only ever handles ready observations.
/// </summary>
internal static class UeventPump
{
    /// <summary>Reads the kernel's uevents until cancelled; ENOBUFS becomes <see cref="UeventsLost"/>.</summary>
    public static async Task ReadNetlinkAsync(UeventSocket socket, UeventInterpreter interpreter, IActorRef watcher, CancellationToken cancellation)
    {
        // A uevent is at most UEVENT_BUFFER_SIZE; a larger buffer lets a longer (corrupt) datagram show as too long instead of cut.
        var buffer = new byte[UeventParser.MaxPayload * 4];
        while (!cancellation.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await socket.ReceiveAsync(buffer, cancellation).ConfigureAwait(false);
            }
            catch (SocketException error) when (error.SocketErrorCode == SocketError.NoBufferSpaceAvailable)
            {
                watcher.Tell(UeventsLost.Instance);
                continue;
            }
            catch (Exception) when (cancellation.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException error)
            {
                watcher.Tell(new UeventSourceFailed(error));
                return;
            }

            watcher.Tell(interpreter.Interpret(buffer.AsSpan(0, length), Stopwatch.GetTimestamp()));
        }
    }

    /// <summary>Reads injected payloads until the channel completes or the watcher stops.</summary>
    public static async Task ReadInjectedAsync(ChannelReader<byte[]> injected, UeventInterpreter interpreter, IActorRef watcher, CancellationToken cancellation)
    {
        try
        {
            while (await injected.WaitToReadAsync(cancellation).ConfigureAwait(false))
            {
                while (injected.TryRead(out var payload))
                {
                    watcher.Tell(interpreter.Interpret(payload, Stopwatch.GetTimestamp()));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The watcher stopped.
        }
    }
}
