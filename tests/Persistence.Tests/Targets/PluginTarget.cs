using Akka.Configuration;
using ProcessManager.Persistence.Configuration;
using ProcessManager.Persistence.Tests.Support;

namespace ProcessManager.Persistence.Tests.Targets;

/// <summary>One plugin on one fresh database (a temp SQLite file or a PostgreSQL schema), dropped afterwards.</summary>
public abstract class PluginTarget : IDisposable
{
    protected PluginTarget(PbmPersistenceSettings settings)
    {
        Settings = settings with { QueryRefreshInterval = TimeSpan.FromMilliseconds(100) };
    }

    public PbmPersistenceSettings Settings { get; }

    public bool IsAkkaPersistenceSql => Settings.Plugin == PersistencePluginKind.AkkaPersistenceSql;

    /// <summary>The test system's configuration: the plugins, then the test serializers.</summary>
    public Config Config => PersistencePlugins.Config(Settings).WithFallback(TestConfig.Serializers);

    /// <summary>Runs raw SQL against the database (to inspect or plant rows).</summary>
    public abstract Task<object?> ScalarAsync(string sql);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}
