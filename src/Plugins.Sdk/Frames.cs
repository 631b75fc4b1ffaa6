using System.Buffers.Binary;

namespace ProcessManager.Plugins.Sdk;

/// <summary>
/// Length-prefixed frames: a 4-byte big-endian length, then that many bytes of UTF-8 JSON. The length is checked
/// against a maximum before anything is allocated, so a peer announcing a gigabyte costs nothing.
/// </summary>
public static class Frames
{
    /// <summary>Reads one frame; null at end of stream on a frame boundary.</summary>
    /// <exception cref="FrameException">The announced length is 0 or above <paramref name="maxFrameBytes"/>, or the stream ends inside a frame.</exception>
    public static async ValueTask<byte[]?> ReadAsync(Stream stream, int maxFrameBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameBytes, 1);
        var prefix = new byte[PluginProtocol.LengthPrefixBytes];
        var read = await stream.ReadAtLeastAsync(prefix, prefix.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return null;
        }
        if (read < prefix.Length)
        {
            throw new FrameException($"the stream ended inside a frame's length ({read} of {prefix.Length} bytes)");
        }
        var length = BinaryPrimitives.ReadUInt32BigEndian(prefix);
        if (length == 0)
        {
            throw new FrameException("a frame announced 0 bytes: a frame holds one JSON object");
        }
        if (length > (uint)maxFrameBytes)
        {
            throw new FrameException($"a frame announced {length} bytes, more than the limit of {maxFrameBytes} bytes");
        }
        var body = new byte[length];
        read = await stream.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return read < body.Length
            ? throw new FrameException($"the stream ended inside a frame ({read} of {length} bytes)")
            : body;
    }

    /// <summary>Writes one frame (length and body in one write) and flushes.</summary>
    /// <exception cref="FrameException"><paramref name="json"/> is empty or above <paramref name="maxFrameBytes"/>.</exception>
    public static async ValueTask WriteAsync(Stream stream, ReadOnlyMemory<byte> json, int maxFrameBytes = PluginProtocol.DefaultMaxFrameBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (json.Length == 0 || json.Length > maxFrameBytes)
        {
            throw new FrameException($"a frame of {json.Length} bytes cannot be sent (1 to {maxFrameBytes} bytes)");
        }
        var frame = new byte[PluginProtocol.LengthPrefixBytes + json.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)json.Length);
        json.CopyTo(frame.AsMemory(PluginProtocol.LengthPrefixBytes));
        await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
