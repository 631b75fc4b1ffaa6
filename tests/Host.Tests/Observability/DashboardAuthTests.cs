using System.Net;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Host.Tests.Observability;

public sealed class DashboardAuthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_session_a_dashboard_page_redirects_to_the_login_page_which_alone_is_served()
    {
        await using var daemon = await ObservedDaemon.StartAsync();

        using var page = await daemon.Http.GetAsync("/dashboard/", Ct);
        using var script = await daemon.Http.GetAsync("/dashboard/app.js", Ct);
        using var login = await daemon.Http.GetAsync("/dashboard/login", Ct);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/dashboard/login", page.Headers.Location?.OriginalString);
        Assert.Empty(await page.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(HttpStatusCode.Redirect, script.StatusCode);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("<form", await login.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", login.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_is_exchanged_for_an_httponly_samesite_strict_cookie_that_admits_the_api()
    {
        await using var daemon = await ObservedDaemon.StartAsync();
        using var wrong = ObservedDaemon.Request(HttpMethod.Post, "/dashboard/session", body: """{"token":"not-it"}""");
        using var refused = await daemon.Http.SendAsync(wrong, Ct);
        using var right = ObservedDaemon.Request(HttpMethod.Post, "/dashboard/session", body: $$"""{"token":"{{daemon.Daemon.Token}}"}""");
        using var accepted = await daemon.Http.SendAsync(right, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        var cookie = Assert.Single(accepted.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("pbm_session=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        using var list = await daemon.Http.GetAsync("/v1/processes", Ct);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        using var page = await daemon.Http.GetAsync("/dashboard/", Ct);
        Assert.True(HttpStatusCode.OK == page.StatusCode, string.Join("\n", daemon.Daemon.Logs.Messages));
    }

    [Fact]
    public async Task A_change_with_the_cookie_needs_the_csrf_header_and_the_daemons_own_origin()
    {
        await using var daemon = await ObservedDaemon.StartAsync();
        daemon.Daemon.Backend.Set(new ProcessStatus("web", "running", 4242, 0, 1, 0, 0));
        var csrf = await daemon.LoginAsync(Ct);

        async Task<HttpStatusCode> StopAsync(string? token, string? origin)
        {
            using var request = ObservedDaemon.Request(HttpMethod.Post, "/v1/processes/web/stop");
            if (token is not null)
            {
                request.Headers.Add("X-PBM-CSRF", token);
            }

            if (origin is not null)
            {
                request.Headers.Add("Origin", origin);
            }

            using var response = await daemon.Http.SendAsync(request, Ct);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Forbidden, await StopAsync(null, daemon.Origin));
        Assert.Equal(HttpStatusCode.Forbidden, await StopAsync("wrong", daemon.Origin));
        Assert.Equal(HttpStatusCode.Forbidden, await StopAsync(csrf, "http://evil.example"));
        Assert.Equal(HttpStatusCode.Forbidden, await StopAsync(csrf, null));
        Assert.Equal("running", (await daemon.Daemon.Unix.DescribeProcessAsync("web", Ct)).Status.Status);
        Assert.Equal(HttpStatusCode.OK, await StopAsync(csrf, daemon.Origin));
        Assert.Equal("stopped", (await daemon.Daemon.Unix.DescribeProcessAsync("web", Ct)).Status.Status);
    }

    [Fact]
    public async Task A_one_time_login_code_opens_one_session_only()
    {
        await using var daemon = await ObservedDaemon.StartAsync();
        DashboardLogin login = await daemon.Daemon.Unix.CreateDashboardLoginAsync(Ct);

        Assert.StartsWith(daemon.Origin + "/dashboard/login#code=", login.Url, StringComparison.Ordinal);
        using var first = await daemon.Http.SendAsync(ObservedDaemon.Request(HttpMethod.Post, "/dashboard/session", body: $$"""{"code":"{{login.Code}}"}"""), Ct);
        using var second = await daemon.Http.SendAsync(ObservedDaemon.Request(HttpMethod.Post, "/dashboard/session", body: $$"""{"code":"{{login.Code}}"}"""), Ct);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
    }

    [Fact]
    public async Task Rotating_the_token_ends_dashboard_sessions()
    {
        await using var daemon = await ObservedDaemon.StartAsync();
        await daemon.LoginAsync(Ct);

        await daemon.Daemon.Unix.RotateTokenAsync(Ct);
        using var list = await daemon.Http.GetAsync("/v1/processes", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
    }
}
