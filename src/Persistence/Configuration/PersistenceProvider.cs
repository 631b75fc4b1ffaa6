namespace ProcessManager.Persistence.Configuration;

/// <summary>Which database holds the journal and the snapshots.</summary>
public enum PersistenceProvider
{
    /// <summary>Embedded SQLite file (the default): <c>pbm.persistence.provider = sqlite</c>.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, shared by several daemons: <c>provider = postgresql</c>.</summary>
    PostgreSql,
}
