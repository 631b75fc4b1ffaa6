using System.Net.Sockets;
using ProcessManager.Actors.Os;

namespace ProcessManager.Actors.Plugins.Workers;

/// <summary>Pool -> worker: run one request (the worker is idle).</summary>
internal sealed record RunJob(long JobId, string Method, string ParamsJson);

/// <summary>Pool -> worker: finish (close stdin, then SIGTERM, then SIGKILL); the worker stops itself once its program exited.</summary>
internal sealed record RetireWorker
{
    public static RetireWorker Instance { get; } = new();
}

/// <summary>Worker -> pool: the hello answered, requests can come.</summary>
internal sealed record WorkerReady(int Pid);

/// <summary>Worker -> pool: the worker could not start (spawn error, no hello); it stops.</summary>
internal sealed record WorkerStartFailed(string Reason);

/// <summary>
/// Worker -> pool: a request ended. <paramref name="ResultJson"/> on success, else <paramref name="FailureCode"/> and
/// <paramref name="FailureMessage"/>. <paramref name="WorkerGone"/>: the worker is stopping (killed, crashed, or
/// recycled) and takes no more requests.
/// </summary>
internal sealed record JobFinished(long JobId, string? ResultJson, string? FailureCode, string? FailureMessage, int Pid, bool WorkerGone, bool Recycled);

/// <summary>Worker-internal: the program started.</summary>
internal sealed record WorkerSpawned(ChildProcess Child, Socket Channel);

/// <summary>Worker-internal: the program could not be started.</summary>
internal sealed record WorkerSpawnFailed(string Reason);

/// <summary>Worker-internal: one frame read from the program's stdout.</summary>
internal sealed record FrameArrived(byte[] Json);

/// <summary>Worker-internal: stdout ended (Error null) or broke the framing (Error set).</summary>
internal sealed record ChannelEnded(string? Error);

/// <summary>Worker-internal: a write to stdin failed.</summary>
internal sealed record ChannelWriteFailed(string Error);

/// <summary>Worker-internal: the program exited.</summary>
internal sealed record WorkerExited(ExitStatus Status);

/// <summary>Worker-internal timers.</summary>
internal sealed record WorkerDeadline(long JobId);
