using ProcessManager.Persistence.Serialization;

namespace ProcessManager.Persistence.Tests.Tck;

/// <summary>One fresh database (file or schema) per test; the TCK talks to it through this.</summary>
public interface IStoreFixture : IAsyncDisposable
{
    /// <summary>Settings pointing at this fixture's fresh database.</summary>
    PersistenceSettings Settings { get; }

    /// <summary>Opens a store over the fixture's database.</summary>
    Task<IPersistenceStore> OpenAsync(EventSerializer serializer, PersistenceSettings? settings = null);

    /// <summary>Runs raw SQL against the fixture's database (to plant corrupt rows).</summary>
    Task<int> ExecuteRawAsync(string sql, params (string Name, object Value)[] parameters);
}
