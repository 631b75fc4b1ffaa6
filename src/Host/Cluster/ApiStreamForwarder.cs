using System.Text;
using Akka.Actor;
using ProcessManager.Actors.Cluster;
using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Host.Cluster;

/// <summary>
/// One forwarded stream (<see cref="FollowForwardedApi"/>): opens it on this daemon's own API and sends its lines to
/// the subscriber on the asking node, one line in flight until acknowledged, so a slow reader holds the stream back
/// here rather than filling the remoting queues. Stops, closing the stream, when it ends or the subscriber goes away.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "An actor's resources are released in PostStop, which Akka always runs.")]
internal sealed class ApiStreamForwarder : ReceiveActor
{
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http;
    private readonly string _pathAndQuery;
    private readonly IActorRef _subscriber;
    private readonly long _maxLineBytes;
    private HttpResponseMessage? _response;
    private StreamReader? _reader;

    public ApiStreamForwarder(HttpClient http, string pathAndQuery, IActorRef subscriber, long maxLineBytes)
    {
        _http = http;
        _pathAndQuery = pathAndQuery;
        _subscriber = subscriber;
        _maxLineBytes = maxLineBytes;
        Receive<Opened>(OnOpened);
        Receive<LineRead>(read =>
        {
            if (read.Line is null || Encoding.UTF8.GetByteCount(read.Line) > _maxLineBytes)
            {
                // The stream ended, or a line is too big for one cluster message: the stream ends here.
                Context.Stop(Self);
                return;
            }

            _subscriber.Tell(new ForwardedApiLine(read.Line));
        });
        Receive<ForwardedApiAck>(_ => ReadNext());
        Receive<Status.Failure>(failure =>
        {
            if (_reader is null)
            {
                _subscriber.Tell(new CommandFailed("its API did not open the stream: " + failure.Cause.Message));
            }

            Context.Stop(Self);
        });
        Receive<Terminated>(_ => Context.Stop(Self));
    }

    public static Props Props(HttpClient http, string pathAndQuery, IActorRef subscriber, long maxLineBytes) =>
        Akka.Actor.Props.Create(() => new ApiStreamForwarder(http, pathAndQuery, subscriber, maxLineBytes));

    protected override void PreStart()
    {
        Context.Watch(_subscriber);
        OpenAsync().PipeTo(Self);
    }

    protected override void PostStop()
    {
        _stop.Cancel();
        _reader?.Dispose();
        _response?.Dispose();
        _stop.Dispose();
    }

    private async Task<Opened> OpenAsync()
    {
        var response = await _http.GetAsync(_pathAndQuery, HttpCompletionOption.ResponseHeadersRead, _stop.Token).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return new Opened(response, await response.Content.ReadAsStreamAsync(_stop.Token).ConfigureAwait(false), null);
        }

        using (response)
        {
            // Refused (unknown device, too many streams): the whole answer goes back as it is.
            var body = await response.Content.ReadAsByteArrayAsync(_stop.Token).ConfigureAwait(false);
            return new Opened(null, null, new ForwardedApiResponse((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), body));
        }
    }

    private void OnOpened(Opened opened)
    {
        if (opened.Refusal is { } refusal)
        {
            _subscriber.Tell(refusal);
            Context.Stop(Self);
            return;
        }

        _response = opened.Response;
        _reader = new StreamReader(opened.Body!, Encoding.UTF8);
        _subscriber.Tell(ForwardedApiStreamStarted.Instance);
        ReadNext();
    }

    private void ReadNext() =>
        _reader!.ReadLineAsync(_stop.Token).AsTask().ContinueWith(
            task => task.IsCompletedSuccessfully ? new LineRead(task.Result) : new LineRead(null),
            TaskScheduler.Default).PipeTo(Self);

    /// <summary>The stream, open; or the API's refusal, whole.</summary>
    private sealed record Opened(HttpResponseMessage? Response, Stream? Body, ForwardedApiResponse? Refusal);

    private sealed record LineRead(string? Line);
}
