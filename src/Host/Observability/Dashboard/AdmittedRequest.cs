namespace ProcessManager.Host.Observability.Dashboard;

/// <summary>
/// Request feature set by <see cref="DashboardAuthentication"/> when it admitted a TCP request by its own rule (a
/// dashboard session, the scrape token, an open health check or the login page); the bearer check then lets it pass.
/// </summary>
internal sealed class AdmittedRequest
{
    public static readonly AdmittedRequest Instance = new();

    private AdmittedRequest()
    {
    }
}
