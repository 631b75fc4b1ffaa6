using System.Diagnostics;

namespace ProcessManager.Host.Observability.Tracing;

/// <summary>
/// The daemon's spans (ActivitySource <c>ProcessManager</c>): one per command or query the API hands to the actors,
/// a child of the HTTP request's span, so a trace shows how long the supervisor took to act and answer.
/// </summary>
internal static class PbmTracing
{
    public const string SourceName = "ProcessManager";

    public static readonly ActivitySource Source = new(SourceName, typeof(PbmTracing).Assembly.GetName().Version?.ToString());

    /// <summary>A span for one message to the supervisor, named for the message's type (never for its arguments).</summary>
    public static Activity? StartCommand(object message) =>
        Source.HasListeners() ? Source.StartActivity("pbm " + message.GetType().Name, ActivityKind.Internal) : null;

    /// <summary>
    /// Marks the span failed with the exception's type (the message stays out of traces); returns false so it can sit
    /// in an exception filter and leave the exception to the handlers below.
    /// </summary>
    public static bool Failed(Activity activity, Exception exception)
    {
        activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        return false;
    }
}
