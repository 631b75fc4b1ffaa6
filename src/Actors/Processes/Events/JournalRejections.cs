using Akka.Actor;
using Akka.Event;

namespace ProcessManager.Actors.Processes.Events;

/// <summary>
/// The journal rejections one persistent actor has seen. A command notes <see cref="Count"/> when it persists and
/// compares it when its deferred answer runs: a rejection in between means something it changed was not recorded.
/// </summary>
internal sealed class JournalRejections
{
    public int Count { get; private set; }

    public string LastReason { get; private set; } = string.Empty;

    /// <summary>Counts, logs and publishes a rejection of <paramref name="rejected"/>.</summary>
    public void Add(IActorContext context, string persistenceId, Exception cause, object rejected)
    {
        Count++;
        LastReason = cause.Message;
        var type = rejected.GetType().Name;
        context.GetLogger().Error(cause, "{0}: the journal did not record {1}: {2}", persistenceId, type, cause.Message);
        context.System.EventStream.Publish(new JournalWriteRejected(persistenceId, type, cause.Message, DateTimeOffset.UtcNow));
    }

    public bool Since(int mark) => Count > mark;
}
