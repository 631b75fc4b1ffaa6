using Akka.Actor;

namespace ProcessManager.Actors.Processes.Supervisor;

// The supervisor's own follow-ups of asynchronous work, piped back to itself.

/// <summary>The app/NAME streams of a journal written before the registry existed.</summary>
internal sealed record LegacyAppsFound(IReadOnlyList<string> Names, Exception? Error = null);

/// <summary>
/// An app's actor answered <c>RemoveApp</c> (or failed to): unregister it, then answer ReplyTo and/or complete Done.
/// </summary>
internal sealed record AppDeletion(string Name, IActorRef? ReplyTo, TaskCompletionSource? Done, Exception? Error);

internal sealed record ReplaceStoppedApp(string Name, IActorRef Stopped);
