using System.Net;

namespace ProcessManager.Host.Tests.Observability;

public sealed class HealthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Liveness_and_readiness_answer_tcp_callers_without_a_token_and_say_nothing_else()
    {
        await using var daemon = await ObservedDaemon.StartAsync();

        using var live = await daemon.Http.GetAsync("/health/live", Ct);
        using var ready = await daemon.Http.GetAsync("/health/ready", Ct);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ok\n", await ready.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Readiness_is_503_while_the_supervisor_does_not_answer()
    {
        await using var daemon = await ObservedDaemon.StartAsync(new ProcessManager.Host.Observability.ObservabilitySettings { HealthTimeout = TimeSpan.FromMilliseconds(300) });
        daemon.Daemon.Backend.BeforeList = ct => Task.Delay(Timeout.Infinite, ct);

        using var ready = await daemon.Http.GetAsync("/health/ready", Ct);
        using var live = await daemon.Http.GetAsync("/health/live", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("unavailable\n", await ready.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Contains(daemon.Daemon.Logs.Messages, m => m.Contains("Readiness check failed: the process supervisor did not answer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_health_unauthenticated_off_tcp_health_checks_need_the_token()
    {
        await using var daemon = await ObservedDaemon.StartAsync(new ProcessManager.Host.Observability.ObservabilitySettings { HealthUnauthenticated = false });

        using var anonymous = await daemon.Http.GetAsync("/health/live", Ct);
        using var withToken = await daemon.Http.SendAsync(ObservedDaemon.Request(HttpMethod.Get, "/health/live", daemon.Daemon.Token), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
    }
}
