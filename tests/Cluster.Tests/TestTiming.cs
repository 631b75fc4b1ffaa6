namespace ProcessManager.Cluster.Tests;

/// <summary>
/// The test nodes' cluster timing, and the bounds the tests wait within. Downing must take seconds, yet a daemon on a
/// 2-core machine shared with other builds (load average 40-70 seen) must not be taken for dead: with 5 s of acceptable
/// heartbeat pause a live node was once found unreachable by one node and not by another, and the resolver downed both
/// (its indirectly-connected rule), which ended the test's cluster. A heartbeat every second, 10 s of acceptable pause
/// (Akka's default is 3 s) and a 3 s stable-after make a killed node unreachable in about 11 s and downed 3 s later.
/// </summary>
internal static class TestTiming
{
    public const string ClusterHocon = """
        failure-detector { heartbeat-interval = 1s, acceptable-heartbeat-pause = 10s }
        split-brain-resolver.stable-after = 3s
        """;

    /// <summary>Bound on a daemon's start (JIT, journal, joining) on a loaded machine.</summary>
    public const double StartSeconds = 120;

    /// <summary>Bound on one pbm command.</summary>
    public const double CommandSeconds = 60;

    /// <summary>Bound on the cluster noticing a change: unreachable, downed, removed, a singleton moved.</summary>
    public const double ClusterChangeSeconds = 90;
}
