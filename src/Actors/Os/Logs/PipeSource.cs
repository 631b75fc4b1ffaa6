namespace ProcessManager.Actors.Os.Logs;

/// <summary>One pipe of one child, with the unfinished line carried from one read to the next (pump thread only).</summary>
internal sealed class PipeSource(int fd, LogStreamKind stream, ProcessLog log, ChildProcess child)
{
    /// <summary>Bytes of a line whose newline has not arrived yet; grown on need up to max-line-length.</summary>
    private byte[]? _partial;
    private int _partialLength;

    internal int Fd => fd;

    internal ProcessLog Log => log;

    internal ChildProcess Child => child;

    /// <summary>Splits on '\n'; lines longer than max-line-length are cut into pieces of that length.</summary>
    internal void Split(ReadOnlySpan<byte> data, long utcTicks)
    {
        var max = log.Settings.MaxLineLength;
        while (!data.IsEmpty)
        {
            var newline = data.IndexOf((byte)'\n');
            if (newline < 0)
            {
                AddPartial(data, utcTicks, max);
                return;
            }
            var line = data[..newline];
            data = data[(newline + 1)..];
            if (_partialLength > 0)
            {
                AddPartial(line, utcTicks, max);
                log.Append(stream, _partial.AsSpan(0, _partialLength), utcTicks);
                _partialLength = 0;
                continue;
            }
            while (line.Length > max)
            {
                log.Append(stream, line[..max], utcTicks);
                line = line[max..];
            }
            log.Append(stream, line, utcTicks);
        }
    }

    /// <summary>At end of file: an unterminated last line still counts.</summary>
    internal void FlushPartial(long utcTicks)
    {
        if (_partialLength > 0)
        {
            log.Append(stream, _partial.AsSpan(0, _partialLength), utcTicks);
            _partialLength = 0;
        }
        _partial = null;
    }

    private void AddPartial(ReadOnlySpan<byte> data, long utcTicks, int max)
    {
        while (!data.IsEmpty)
        {
            if (_partialLength == max)
            {
                log.Append(stream, _partial.AsSpan(0, max), utcTicks);
                _partialLength = 0;
            }
            var take = Math.Min(max - _partialLength, data.Length);
            if (_partial is null || _partial.Length < _partialLength + take)
            {
                // Grow by doubling up to max-line-length: most carried fragments are short.
                var grown = new byte[Math.Min(max, Math.Max(256, Math.Max((_partial?.Length ?? 0) * 2, _partialLength + take)))];
                _partial?.AsSpan(0, _partialLength).CopyTo(grown);
                _partial = grown;
            }
            data[..take].CopyTo(_partial.AsSpan(_partialLength));
            _partialLength += take;
            data = data[take..];
        }
    }
}
