using Akka.Actor;

namespace ProcessManager.Persistence.Bench;

/// <summary>
/// Counts <see cref="Recovered"/> messages and completes when the expected number arrived; fails if an actor
/// recovered to another sequence number than expected (-1: any).
/// </summary>
public sealed class RecoveryWaiter : ReceiveActor
{
    public RecoveryWaiter(int expected, long expectedSequenceNr, TaskCompletionSource done)
    {
        var count = 0;
        Receive<Recovered>(recovered =>
        {
            if (expectedSequenceNr >= 0 && recovered.SequenceNr != expectedSequenceNr)
            {
                done.TrySetException(new InvalidOperationException(
                    $"'{recovered.PersistenceId}' recovered to #{recovered.SequenceNr}, expected #{expectedSequenceNr}"));
            }

            if (++count == expected)
            {
                done.TrySetResult();
            }
        });
    }
}
