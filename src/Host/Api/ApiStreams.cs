using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ProcessManager.Host.Api;

/// <summary>
/// Long-lived streams (log follow, events): newline-delimited JSON over chunked HTTP, or one JSON text message per
/// item when the request is a WebSocket upgrade. Either way a stream takes one of <c>max-concurrent-streams</c> slots.
/// </summary>
internal static partial class ApiStreams
{
    /// <summary>How long the daemon waits for the client's answer to its close frame.</summary>
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);
    private static readonly byte[] Newline = "\n"u8.ToArray();

    public static Task StreamAsync<T>(HttpContext context, ApiContext api, Func<CancellationToken, IAsyncEnumerable<T>> source, JsonTypeInfo<T> typeInfo)
    {
        if (!api.Counters.TryOpenStream())
        {
            throw new ApiException(
                StatusCodes.Status503ServiceUnavailable,
                "too many open streams",
                $"at most {api.Counters.MaxStreams} follow/event streams may be open (pbm.api.max-concurrent-streams); retry when one ends")
            {
                RetryAfterSeconds = 5,
            };
        }

        return context.WebSockets.IsWebSocketRequest
            ? WebSocketAsync(context, api, source, typeInfo)
            : NewlineDelimitedAsync(context, api, source, typeInfo);
    }

    private static async Task NewlineDelimitedAsync<T>(HttpContext context, ApiContext api, Func<CancellationToken, IAsyncEnumerable<T>> source, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/x-ndjson";
            await context.Response.StartAsync(context.RequestAborted).ConfigureAwait(false);

            // The headers go out now, not with the first item: a caller sees at once that the stream is open.
            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            await foreach (var item in source(context.RequestAborted).ConfigureAwait(false))
            {
                await context.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(item, typeInfo), context.RequestAborted).ConfigureAwait(false);
                await context.Response.Body.WriteAsync(Newline, context.RequestAborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller left (Ctrl-C in pbm): a normal end of a stream.
        }
        finally
        {
            api.Counters.CloseStream();
        }
    }

    private static async Task WebSocketAsync<T>(HttpContext context, ApiContext api, Func<CancellationToken, IAsyncEnumerable<T>> source, JsonTypeInfo<T> typeInfo)
    {
        WebSocket socket;
        try
        {
            socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        }
        catch
        {
            api.Counters.CloseStream();
            throw;
        }

        using (socket)
        {
            // The source stops when the client closes or the connection drops; sends use the connection's token
            // only, because a cancelled send aborts a WebSocket, and a clean close still needs it.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            var receiving = ReceiveUntilCloseAsync(socket, stop);
            var ended = "stream ended";
            var status = WebSocketCloseStatus.NormalClosure;
            try
            {
                await foreach (var item in source(stop.Token).ConfigureAwait(false))
                {
                    await socket.SendAsync(new ReadOnlyMemory<byte>(JsonSerializer.SerializeToUtf8Bytes(item, typeInfo)), WebSocketMessageType.Text, endOfMessage: true, context.RequestAborted).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                ended = "closed by the client";
            }
            catch (WebSocketException)
            {
                // The client vanished without a close handshake; nothing is left to answer.
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The 101 is sent, so the error goes into the close frame; the details go to the daemon log only.
                LogStreamFailed(api.Logger, ex, context.Request.Path);
                (status, ended) = (WebSocketCloseStatus.InternalServerError, "internal error; the daemon log has the details");
            }
            finally
            {
                // Freed before the close handshake, so a client that saw the close may open the next stream at once.
                api.Counters.CloseStream();
            }

            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                try
                {
                    await socket.CloseOutputAsync(status, ended, context.RequestAborted).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
                {
                    // The connection dropped during the close handshake.
                }
            }

            stop.CancelAfter(CloseHandshakeTimeout);
            await receiving.ConfigureAwait(false);
        }
    }

    /// <summary>Discards what the client sends (follow takes no input) until its close, then stops the stream.</summary>
    private static async Task ReceiveUntilCloseAsync(WebSocket socket, CancellationTokenSource stop)
    {
        var buffer = new byte[256];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), stop.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // Dropped connection, or the stream ended on the daemon's side.
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "WebSocket stream {Path} failed")]
    private static partial void LogStreamFailed(ILogger logger, Exception exception, string path);
}
