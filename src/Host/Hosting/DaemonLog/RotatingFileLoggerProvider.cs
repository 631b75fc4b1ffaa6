using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace ProcessManager.Host.Hosting.DaemonLog;

/// <summary>
/// Writes log lines to a <see cref="RotatingLogFile"/> from one background writer. Loggers only queue (never block,
/// since they are called on actor mailbox threads): past <see cref="DaemonLogSettings.Queue"/> waiting lines, new ones
/// are dropped, and the writer says how many once it catches up.
/// </summary>
public sealed class RotatingFileLoggerProvider : ILoggerProvider
{
    private readonly Channel<string> _lines;
    private readonly RotatingLogFile _file;
    private readonly Task _writer;
    private readonly TimeProvider _time;

    /// <summary>Lines dropped because the queue was full, not yet reported in the file.</summary>
    private long _dropped;

    /// <param name="reopened">Told of every newly opened file (the daemon points stdout and stderr at it).</param>
    public RotatingFileLoggerProvider(string path, DaemonLogSettings settings, Action<SafeFileHandle>? reopened = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _time = time ?? TimeProvider.System;
        _file = new RotatingLogFile(path, settings, reopened);
        _lines = Channel.CreateBounded<string>(
            new BoundedChannelOptions(settings.Queue) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
        _writer = Task.Run(WriteAsync);
    }

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    /// <summary>Writes what is queued, then closes the file.</summary>
    public void Dispose()
    {
        _lines.Writer.TryComplete();

        // Bounded: a file system that hangs must not hang the daemon's exit.
        _writer.Wait(TimeSpan.FromSeconds(5));
        _file.Dispose();
    }

    private async Task WriteAsync()
    {
        var buffer = new Utf8Buffer();
        await foreach (var line in _lines.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            ReportDropped(buffer);
            _file.Write(buffer.Encode(line));
        }

        ReportDropped(buffer);
    }

    private void ReportDropped(Utf8Buffer buffer)
    {
        var dropped = Interlocked.Exchange(ref _dropped, 0);
        if (dropped > 0)
        {
            _file.Write(buffer.Encode($"{Timestamp()} warn: {dropped} log lines dropped: the log writer fell behind (pbm.daemon-log.queue){Environment.NewLine}"));
        }
    }

    private string Timestamp() => _time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };

    /// <summary>Reuses one byte buffer for every line (only the writer encodes).</summary>
    private sealed class Utf8Buffer
    {
        private byte[] _bytes = new byte[4096];

        public ReadOnlySpan<byte> Encode(string text)
        {
            var needed = Encoding.UTF8.GetMaxByteCount(text.Length);
            if (needed > _bytes.Length)
            {
                _bytes = new byte[needed];
            }

            return _bytes.AsSpan(0, Encoding.UTF8.GetBytes(text, _bytes));
        }
    }

    private sealed class FileLogger(RotatingFileLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var line = new StringBuilder()
                .Append(provider.Timestamp()).Append(' ').Append(Level(logLevel)).Append(": ")
                .Append(category).Append('[').Append(eventId.Id).Append("] ")
                .Append(formatter(state, exception));
            if (exception is not null)
            {
                line.Append(Environment.NewLine).Append(exception);
            }

            provider._lines.Writer.TryWrite(line.Append(Environment.NewLine).ToString());
        }
    }
}
