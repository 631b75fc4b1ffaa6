namespace ProcessManager.Persistence.Tests.Tck;

/// <summary>The TCK on a real PostgreSQL server (<c>PBM_TEST_POSTGRES</c>), one fresh schema per test.</summary>
public sealed class PostgreSqlStoreTests : PersistenceStoreTck
{
    protected override IStoreFixture CreateFixture() => PostgreSqlStoreFixture.CreateOrSkip();
}
