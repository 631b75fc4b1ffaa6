using System.Buffers.Binary;
using System.Text;
using ProcessManager.Plugins.Sdk;
using Xunit;

namespace ProcessManager.Actors.Tests.Plugins;

public sealed class FramesTests
{
    [Fact]
    public async Task A_frame_round_trips_and_the_stream_end_on_a_boundary_is_null()
    {
        using var stream = new MemoryStream();
        await Frames.WriteAsync(stream, Encoding.UTF8.GetBytes("""{"id":1}"""), cancellationToken: TestContext.Current.CancellationToken);
        stream.Position = 0;

        var frame = await Frames.ReadAsync(stream, 1024, TestContext.Current.CancellationToken);
        var end = await Frames.ReadAsync(stream, 1024, TestContext.Current.CancellationToken);

        Assert.Equal("""{"id":1}""", Encoding.UTF8.GetString(frame!));
        Assert.Null(end);
    }

    [Fact]
    public async Task A_gigabyte_announced_is_refused_before_anything_is_allocated()
    {
        var prefix = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(prefix, 1u << 30);
        using var stream = new MemoryStream([.. prefix, (byte)'{']);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = await Assert.ThrowsAsync<FrameException>(async () => await Frames.ReadAsync(stream, 16 * 1024 * 1024, TestContext.Current.CancellationToken));

        Assert.Contains("announced 1073741824 bytes", error.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1024 * 1024);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0 }, "inside a frame's length")]
    [InlineData(new byte[] { 0, 0, 0, 10, (byte)'{' }, "inside a frame (1 of 10 bytes)")]
    [InlineData(new byte[] { 0, 0, 0, 0 }, "announced 0 bytes")]
    public async Task Cut_and_empty_frames_are_errors(byte[] bytes, string expected)
    {
        using var stream = new MemoryStream(bytes);

        var error = await Assert.ThrowsAsync<FrameException>(async () => await Frames.ReadAsync(stream, 1024, TestContext.Current.CancellationToken));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
