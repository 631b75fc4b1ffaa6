using System.Net;
using ProcessManager.Host.Api;
using ProcessManager.Host.Observability;

namespace ProcessManager.Host.Tests.Observability;

/// <summary>A test daemon with TCP on loopback, sampling fast, and an HTTP client with a cookie jar for its TCP endpoint.</summary>
internal sealed class ObservedDaemon : IAsyncDisposable
{
    private ObservedDaemon(TestDaemon daemon)
    {
        Daemon = daemon;
        BaseAddress = new Uri(daemon.Ready.TcpEndpoint!);
        Cookies = new CookieContainer();
        Http = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
    }

    public TestDaemon Daemon { get; }

    public Uri BaseAddress { get; }

    public CookieContainer Cookies { get; }

    public HttpClient Http { get; }

    public string Origin => $"{BaseAddress.Scheme}://{BaseAddress.Authority}";

    public static async Task<ObservedDaemon> StartAsync(ObservabilitySettings? settings = null) =>
        new(await TestDaemon.StartAsync(
            new ApiSettings { TcpEnabled = true, TcpPort = 0 },
            pm => pm.Options.Observability = settings ?? new ObservabilitySettings { SampleInterval = TimeSpan.FromMilliseconds(100) }));

    public static HttpRequestMessage Request(HttpMethod method, string path, string? bearer = null, string? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        return request;
    }

    /// <summary>Logs in with the API token; the cookie lands in <see cref="Cookies"/>. Returns the session's CSRF token.</summary>
    public async Task<string> LoginAsync(CancellationToken cancellationToken)
    {
        using var login = Request(HttpMethod.Post, "/dashboard/session", body: $$"""{"token":"{{Daemon.Token}}"}""");
        login.Headers.Add("Origin", Origin);
        using var response = await Http.SendAsync(login, cancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var session = System.Text.Json.JsonDocument.Parse(await Http.GetStringAsync("/dashboard/api/session", cancellationToken));
        return session.RootElement.GetProperty("csrf").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Daemon.DisposeAsync();
    }
}
