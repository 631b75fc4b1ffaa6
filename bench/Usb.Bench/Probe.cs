using System.Diagnostics;
using System.Threading.Channels;
using Akka.Actor;

namespace ProcessManager.Usb.Bench;

/// <summary>A subscriber that notes when each message reached it (Stopwatch ticks), for the bench to read in order.</summary>
internal sealed class Probe : ReceiveActor
{
    public Probe(ChannelWriter<(object Message, long At)> arrivals) =>
        ReceiveAny(message => arrivals.TryWrite((message, Stopwatch.GetTimestamp())));
}
