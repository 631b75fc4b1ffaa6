using System.Diagnostics.Metrics;

namespace ProcessManager.Persistence.Storage;

/// <summary>
/// The group-commit journal's write rate and commit latency (meter <c>ProcessManager.Journal</c>), recorded by the
/// writer loop; the daemon's /metrics exports them.
/// </summary>
public static class JournalMetrics
{
    public const string MeterName = "ProcessManager.Journal";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Writes = Meter.CreateCounter<long>("pbm.journal.writes", unit: "{write}", description: "Write requests (events, snapshots, deletes) committed to the journal");
    private static readonly Counter<long> Batches = Meter.CreateCounter<long>("pbm.journal.batches", unit: "{transaction}", description: "Transactions the group-commit writer committed");
    private static readonly Histogram<double> CommitDuration = Meter.CreateHistogram<double>("pbm.journal.commit.duration", unit: "s", description: "Time from the start of a batch's transaction to its commit, retries included");

    internal static void RecordCommit(int requests, TimeSpan elapsed)
    {
        Writes.Add(requests);
        Batches.Add(1);
        CommitDuration.Record(elapsed.TotalSeconds);
    }
}
