namespace ProcessManager.Contracts.Dtos;

/// <summary>
/// Answer of <c>POST /v1/dashboard/login-code</c>: a one-time code, exchanged once for a dashboard session before
/// <paramref name="ExpiresAt"/>; <paramref name="Url"/> is the dashboard on the daemon's TCP endpoint (null when TCP is off).
/// </summary>
public sealed record DashboardLogin(string Code, DateTimeOffset ExpiresAt, string? Url);
