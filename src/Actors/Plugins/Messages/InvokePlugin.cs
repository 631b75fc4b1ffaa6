namespace ProcessManager.Actors.Plugins.Messages;

/// <summary>
/// Asks plugin <paramref name="Name"/> to run <paramref name="Method"/> with <paramref name="ParamsJson"/> (JSON text).
/// Send it to the plugin host (/user/plugins, <c>PluginHostKey</c> in the daemon's registry); the reply goes to the
/// sender: <see cref="PluginInvoked"/> or <see cref="PluginInvocationFailed"/>, always exactly one. The USB watcher
/// and the process events send the same message.
/// </summary>
public sealed record InvokePlugin(string Name, string Method, string ParamsJson = "null");

/// <summary>The worker's result (JSON text).</summary>
public sealed record PluginInvoked(string Name, string Method, string ResultJson, TimeSpan Duration, int WorkerPid);

/// <summary>Why an invocation failed: <paramref name="Code"/> is one of <see cref="PluginFailureCodes"/>.</summary>
public sealed record PluginInvocationFailed(string Name, string Method, string Code, string Message);

/// <summary>The codes of <see cref="PluginInvocationFailed"/>.</summary>
public static class PluginFailureCodes
{
    /// <summary>No plugin by that name.</summary>
    public const string NotFound = "not-found";

    /// <summary>The pool's queue is full: try later.</summary>
    public const string QueueFull = "queue-full";

    /// <summary>The worker did not answer within job-timeout and was killed.</summary>
    public const string Timeout = "timeout";

    /// <summary>The worker exited (or was killed) while handling the request.</summary>
    public const string Crashed = "crashed";

    /// <summary>The worker broke the protocol (garbage, a frame too large, a wrong id) and was killed.</summary>
    public const string Protocol = "protocol";

    /// <summary>The worker answered with an error.</summary>
    public const string PluginError = "plugin-error";

    /// <summary>No worker could be started.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>The request itself is wrong (params not JSON).</summary>
    public const string BadRequest = "bad-request";

    /// <summary>The plugin is being removed or the daemon is stopping.</summary>
    public const string Stopping = "stopping";
}
