namespace ProcessManager.Cluster.Tests;

/// <summary>
/// One 3-node cluster shared by the tests that leave it as they found it (they add programs under their own names and
/// delete them): forming a cluster is the slow part on a loaded machine, so it is done once for all of them.
/// </summary>
public sealed class SharedFleet : IAsyncLifetime
{
    // Through Akka.Discovery's config method: the singleton and TLS clusters use seed-nodes.
    internal Fleet Fleet { get; } = new(discovery: true);

    public async ValueTask InitializeAsync() => await Fleet.StartAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync() => await Fleet.DisposeAsync().ConfigureAwait(false);
}

[CollectionDefinition(Name)]
public sealed class SharedFleetGroup : ICollectionFixture<SharedFleet>
{
    public const string Name = "shared fleet";
}
