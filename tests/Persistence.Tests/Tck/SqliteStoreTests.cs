namespace ProcessManager.Persistence.Tests.Tck;

public sealed class SqliteStoreTests : PersistenceStoreTck
{
    protected override IStoreFixture CreateFixture() => new SqliteStoreFixture();
}
