namespace ProcessManager.Actors.Plugins.History;

/// <summary>
/// One finished invocation as the history keeps it: the outcome, not the payloads (a result is cut to
/// <see cref="MaxSummaryLength"/> characters, so the history stays bounded in bytes as well as in entries).
/// </summary>
/// <param name="Code">"ok" or a PluginFailureCodes value.</param>
public sealed record InvocationRecord(DateTimeOffset At, string Plugin, string Method, string Code, string Summary, double DurationMs, int WorkerPid)
{
    public const int MaxSummaryLength = 200;

    public static string Cut(string text) => text.Length <= MaxSummaryLength ? text : string.Concat(text.AsSpan(0, MaxSummaryLength - 1), "…");
}
