using Microsoft.Extensions.Logging;

namespace ProcessManager.Host.Api;

/// <summary>
/// Logs refused requests and connections (bad or missing token, over a connection limit) at a bounded rate: the first of
/// each <c>rejected-log-interval</c> in full, the rest counted and summed up in one line when the interval ends
/// ("N more rejected requests in the last M s"). A flood of hostile requests cannot rotate the daemon's history away.
/// </summary>
internal sealed partial class RejectionLog : IDisposable
{
    private readonly ILogger _logger;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly ITimer _timer;

    /// <summary>When the current interval began; null when none is running (the next rejection is logged in full).</summary>
    private DateTimeOffset? _windowStart;

    /// <summary>Rejections in the current interval not logged in full.</summary>
    private long _suppressed;

    /// <summary>The latest suppressed rejection, named in the summary line.</summary>
    private string? _lastReason;

    public RejectionLog(ILogger logger, TimeSpan interval, TimeProvider? time = null)
    {
        _logger = logger;
        _interval = interval;
        _time = time ?? TimeProvider.System;
        _timer = _time.CreateTimer(static state => ((RejectionLog)state!).EndInterval(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Records one refusal of <paramref name="what"/> from <paramref name="remote"/>, <paramref name="detail"/> saying which and why.</summary>
    public void Record(string what, string remote, string detail)
    {
        lock (_lock)
        {
            if (_windowStart is not null)
            {
                _suppressed++;
                _lastReason = $"{what} from {remote}: {detail}";
                return;
            }

            _windowStart = _time.GetUtcNow();
            _timer.Change(_interval, Timeout.InfiniteTimeSpan);
        }

        LogRejected(_logger, what, remote, detail, _interval.TotalSeconds);
    }

    public void Dispose()
    {
        _timer.Dispose();
        EndInterval();
    }

    private void EndInterval()
    {
        long count;
        string? last;
        double seconds;
        lock (_lock)
        {
            if (_windowStart is not { } start)
            {
                return;
            }

            count = _suppressed;
            last = _lastReason;
            seconds = Math.Round((_time.GetUtcNow() - start).TotalSeconds);
            _suppressed = 0;
            _lastReason = null;
            _windowStart = null;
        }

        if (count > 0)
        {
            LogSuppressed(_logger, count, seconds, last!);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected {What} from {Remote}: {Detail}; further rejections in the next {Interval} s are counted, not logged one by one")]
    private static partial void LogRejected(ILogger logger, string what, string remote, string detail, double interval);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} more rejected requests in the last {Seconds} s (the last: {Last})")]
    private static partial void LogSuppressed(ILogger logger, long count, double seconds, string last);
}
