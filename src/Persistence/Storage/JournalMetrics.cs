using System.Diagnostics.Metrics;

namespace ProcessManager.Persistence.Storage;

/// <summary>
/// The group-commit journal's write rate and commit latency (meter <c>ProcessManager.Journal</c>), recorded by the
/// writer loop; the daemon's /metrics exports them. Until <see cref="StartExporting"/> (the daemon's metrics pipeline
/// starts at the first scrape) commits are held here, folded, and then handed to the instruments, so the first export
/// counts every commit since the start.
/// </summary>
public static class JournalMetrics
{
    public const string MeterName = "ProcessManager.Journal";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Writes = Meter.CreateCounter<long>("pbm.journal.writes", unit: "{write}", description: "Write requests (events, snapshots, deletes) committed to the journal");
    private static readonly Counter<long> Batches = Meter.CreateCounter<long>("pbm.journal.batches", unit: "{transaction}", description: "Transactions the group-commit writer committed");
    private static readonly Histogram<double> CommitDuration = Meter.CreateHistogram<double>("pbm.journal.commit.duration", unit: "s", description: "Time from the start of a batch's transaction to its commit, retries included");

    /// <summary>Guards the held figures and the switch to exporting.</summary>
    private static readonly Lock Gate = new();

    /// <summary>Commits before the first exporter: their duration histogram, write and batch counts (under <see cref="Gate"/>).</summary>
    private static readonly HeldHistogram HeldDurations = new(LatencyBuckets.Seconds);
    private static long s_heldWrites;
    private static long s_heldBatches;

    /// <summary>Set once, under <see cref="Gate"/>, after the held figures went to the instruments.</summary>
    private static volatile bool s_exporting;

    /// <summary>Whether commits go to the instruments directly (a pipeline listens).</summary>
    public static bool Exporting => s_exporting;

    /// <summary>An exporter listens from now on: hands it what was held and records directly from then on. Idempotent.</summary>
    public static void StartExporting()
    {
        lock (Gate)
        {
            if (s_exporting)
            {
                return;
            }

            if (s_heldBatches > 0)
            {
                Writes.Add(s_heldWrites);
                Batches.Add(s_heldBatches);
                HeldDurations.ReplayInto(CommitDuration, []);
            }

            s_exporting = true;
        }
    }

    internal static void RecordCommit(int requests, TimeSpan elapsed)
    {
        if (!s_exporting)
        {
            lock (Gate)
            {
                // Checked again under the lock: StartExporting may have switched since.
                if (!s_exporting)
                {
                    s_heldWrites += requests;
                    s_heldBatches++;
                    HeldDurations.Record(elapsed.TotalSeconds);
                    return;
                }
            }
        }

        Writes.Add(requests);
        Batches.Add(1);
        CommitDuration.Record(elapsed.TotalSeconds);
    }
}
