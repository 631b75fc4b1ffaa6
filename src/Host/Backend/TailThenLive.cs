using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ProcessManager.Actors.Processes.Protocol;
using Dto = ProcessManager.Contracts.Dtos;

namespace ProcessManager.Host.Backend;

/// <summary>
/// A log follow's stream, local or from another node: the tail read after subscribing, then the live lines later than
/// the tail's last. A line written between the subscription and the tail is in both; it shows once.
/// </summary>
internal static class TailThenLive
{
    public static async IAsyncEnumerable<Dto.LogLine> StreamAsync(
        IReadOnlyList<Dto.LogLine> tail, ChannelReader<LogLine> live, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var line in tail)
        {
            yield return line;
        }

        DateTimeOffset? lastTailed = tail.Count > 0 ? tail[^1].Timestamp : null;
        await foreach (var line in live.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (lastTailed is { } last && line.Timestamp <= last)
            {
                continue;
            }

            yield return ProcessDtoMapper.Log(line);
        }
    }
}
