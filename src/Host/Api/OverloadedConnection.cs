namespace ProcessManager.Host.Api;

/// <summary>
/// Connection feature set on connections accepted beyond their listener's <c>max-connections</c>: their request gets 503
/// naming that listener's limit and setting.
/// </summary>
internal sealed record OverloadedConnection(int MaxConnections, string Setting);
