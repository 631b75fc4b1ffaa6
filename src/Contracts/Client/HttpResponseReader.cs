using System.Buffers;
using System.Globalization;
using System.Text;

namespace ProcessManager.Contracts.Client;

/// <summary>
/// Reads one HTTP/1.1 answer from a stream: status line, headers, then a body framed by
/// Content-Length, chunked encoding, or the end of the connection.
/// </summary>
/// <remarks>
/// pbm is a one-shot process: this small reader JIT-compiles in a fraction of the time HttpClient needs,
/// which is most of a one-shot command's wall time.
/// </remarks>
internal sealed class HttpResponseReader : IDisposable
{
    private const int MaxHeaderLine = 16 * 1024;
    private readonly Stream _stream;

    /// <summary>Read buffer; bytes [_start, _end) are not consumed yet.</summary>
    private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int _start;
    private int _end;

    /// <summary>Bytes left in the current chunk or Content-Length body; -1 means read to end of stream.</summary>
    private long _remaining;
    private bool _chunked;
    private bool _done;

    public HttpResponseReader(Stream stream) => _stream = stream;

    public int StatusCode { get; private set; }

    /// <summary>The <c>Retry-After</c> of the answer in seconds form (a 503 sends it), or null.</summary>
    public TimeSpan? RetryAfter { get; private set; }

    public async ValueTask ReadHeadAsync(CancellationToken cancellationToken)
    {
        var statusLine = await ReadLineAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new IOException("the daemon closed the connection before answering (it may be at its pbm.api.max-connections limit)");
        // "HTTP/1.1 200 OK"
        var parts = statusLine.Split(' ', 3);
        if (parts.Length < 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new IOException($"the daemon answered with a malformed status line '{statusLine}'");
        }

        StatusCode = status;
        long contentLength = -1;
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new IOException("the daemon closed the connection inside the headers");
            if (line.Length == 0)
            {
                break;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line.AsSpan(0, colon).Trim();
            var value = line.AsSpan(colon + 1).Trim();
            if (name.Equals("content-length", StringComparison.OrdinalIgnoreCase))
            {
                contentLength = long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
            }
            else if (name.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase) && value.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                _chunked = true;
            }
            else if (name.Equals("retry-after", StringComparison.OrdinalIgnoreCase) && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                RetryAfter = TimeSpan.FromSeconds(seconds);
            }
        }

        if (_chunked)
        {
            _remaining = 0;
        }
        else
        {
            _remaining = contentLength;
            _done = contentLength == 0;
        }
    }

    /// <summary>Reads body bytes; 0 at the end of the body.</summary>
    public async ValueTask<int> ReadBodyAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (_done || destination.Length == 0)
        {
            return 0;
        }

        if (_chunked && _remaining == 0)
        {
            var sizeLine = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (sizeLine is null)
            {
                throw new IOException("the daemon closed the connection inside a chunked answer");
            }

            if (sizeLine.Length == 0)
            {
                // CRLF that ends the previous chunk.
                sizeLine = await ReadLineAsync(cancellationToken).ConfigureAwait(false)
                    ?? throw new IOException("the daemon closed the connection inside a chunked answer");
            }

            var semicolon = sizeLine.IndexOf(';', StringComparison.Ordinal);
            var sizeText = semicolon >= 0 ? sizeLine.AsSpan(0, semicolon) : sizeLine.AsSpan();
            _remaining = long.Parse(sizeText.Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (_remaining == 0)
            {
                _done = true;
                return 0;
            }
        }

        var max = _remaining < 0 ? destination.Length : (int)Math.Min(destination.Length, _remaining);
        int read;
        if (_end > _start)
        {
            read = Math.Min(max, _end - _start);
            _buffer.AsSpan(_start, read).CopyTo(destination.Span);
            _start += read;
        }
        else
        {
            read = await _stream.ReadAsync(destination[..max], cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                if (_remaining > 0 || _chunked)
                {
                    throw new IOException("the daemon closed the connection before the answer was complete");
                }

                _done = true;
                return 0;
            }
        }

        if (_remaining > 0)
        {
            _remaining -= read;
            if (_remaining == 0 && !_chunked)
            {
                _done = true;
            }
        }

        return read;
    }

    /// <summary>Reads the whole body, refusing one larger than <paramref name="maxBytes"/>.</summary>
    public async ValueTask<byte[]> ReadBodyToEndAsync(int maxBytes, CancellationToken cancellationToken)
    {
        using var memory = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await ReadBodyAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (memory.Length + read > maxBytes)
                {
                    throw new IOException($"the daemon's answer is larger than {maxBytes} bytes");
                }

                memory.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return memory.ToArray();
    }

    private async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var length = newline - _start;
                if (length > 0 && _buffer[newline - 1] == '\r')
                {
                    length--;
                }

                var line = Encoding.ASCII.GetString(_buffer, _start, length);
                _start = newline + 1;
                return line;
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end >= Math.Min(_buffer.Length, MaxHeaderLine))
            {
                throw new IOException("the daemon sent a header line that is too long");
            }

            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return _end > _start ? Encoding.ASCII.GetString(_buffer, _start, _end - _start) : null;
            }

            _end += read;
        }
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
}
