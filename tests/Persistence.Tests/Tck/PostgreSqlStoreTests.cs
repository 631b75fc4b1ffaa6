namespace ProcessManager.Persistence.Tests.Tck;

/// <summary>The TCK on a real PostgreSQL server (<c>PBM_TEST_POSTGRES</c>), one fresh schema per test.</summary>
public sealed class PostgreSqlStoreTests : PersistenceStoreTck
{
    protected override IStoreFixture CreateFixture() => PostgreSqlStoreFixture.CreateOrSkip();

    [Fact]
    public async Task A_dropped_server_connection_fails_the_write_in_flight_clearly_and_the_next_write_reconnects()
    {
        await WriteRangeAsync("p-1", 1, 1);
        Assert.True(await ((PostgreSqlStoreFixture)Fixture).DropStoreConnectionsAsync() >= 1);

        // The writer's connection is dead: the write fails as a PersistenceException naming the store
        // (a persistent actor stops and is restarted), never hangs; the next write opens a new connection.
        var error = await Assert.ThrowsAsync<PersistenceException>(() => Store.WriteAsync([Event("p-1", 2)], Ct));
        await Store.WriteAsync([Event("p-1", 2)], Ct);

        Assert.Contains("PostgreSQL", error.Message, StringComparison.Ordinal);
        Assert.Contains("'p-1' #2", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, await Store.ReadHighestSequenceNrAsync("p-1", Ct));
    }
}
