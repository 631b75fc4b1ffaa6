namespace ProcessManager.Cluster.Tests;

/// <summary>
/// The test nodes' cluster timing, and the bounds the tests wait within. Downing must take seconds, not the product's
/// default ~10-20 s, yet a daemon busy starting up on a loaded 2-core machine must not be taken for dead: a heartbeat
/// every second with 5 s of acceptable pause (Akka's default is 3 s) and a 3 s stable-after make a killed node
/// unreachable in about 6 s and downed about 3 s later.
/// </summary>
internal static class TestTiming
{
    public const string ClusterHocon = """
        failure-detector { heartbeat-interval = 1s, acceptable-heartbeat-pause = 5s }
        split-brain-resolver.stable-after = 3s
        """;

    /// <summary>Bound on a daemon's start (JIT, journal, joining) on a loaded machine.</summary>
    public const double StartSeconds = 120;

    /// <summary>Bound on one pbm command.</summary>
    public const double CommandSeconds = 60;

    /// <summary>Bound on the cluster noticing a change: unreachable, downed, removed, a singleton moved.</summary>
    public const double ClusterChangeSeconds = 90;
}
