using System.Threading.Channels;

namespace ProcessManager.Actors.Os.Logs;

/// <summary>
/// A live subscription to a program's lines, fed from the capture (not the files), so it survives
/// rotation and restarts of the program. Bounded: when the reader falls behind, new lines are dropped
/// and counted, and the reader gets a marker line with the count where they are missing. Dispose to unsubscribe.
/// </summary>
public sealed class LogFollower : IDisposable
{
    private readonly Channel<LogLine> _channel;
    private readonly ProcessLog _owner;
    private long _dropped;

    /// <summary>Lines dropped since the last marker; the single writer's own.</summary>
    private long _unmarked;

    internal LogFollower(ProcessLog owner, int capacity)
    {
        _owner = owner;
        _channel = Channel.CreateBounded<LogLine>(
            new BoundedChannelOptions(capacity) { SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
    }

    public ChannelReader<LogLine> Reader => _channel.Reader;

    /// <summary>Lines this follower missed because it did not keep up.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public IAsyncEnumerable<LogLine> ReadAllAsync(CancellationToken cancellationToken = default) =>
        _channel.Reader.ReadAllAsync(cancellationToken);

    public void Dispose()
    {
        _owner.Unsubscribe(this);
        _channel.Writer.TryComplete();
    }

    /// <summary>Writer thread: queues the line, after a marker for the lines missed before it, or counts it as missed.</summary>
    internal void Offer(in LogLine line)
    {
        if (_unmarked > 0)
        {
            var marker = new LogLine(line.Stream, line.Timestamp, $"[pbm] {_unmarked} lines missing here: this follower fell behind");
            if (!_channel.Writer.TryWrite(marker))
            {
                Missed();
                return;
            }

            _unmarked = 0;
        }

        if (!_channel.Writer.TryWrite(line))
        {
            Missed();
        }
    }

    private void Missed()
    {
        _unmarked++;
        Interlocked.Increment(ref _dropped);
    }

    internal void Complete() => _channel.Writer.TryComplete();
}
