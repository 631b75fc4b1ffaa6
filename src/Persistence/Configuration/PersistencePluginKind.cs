namespace ProcessManager.Persistence.Configuration;

/// <summary>Which Akka.Persistence plugin writes the journal and the snapshots.</summary>
public enum PersistencePluginKind
{
    /// <summary>
    /// This project's plugin (the default, <c>pbm.persistence.plugin = group-commit</c>): one writer per
    /// database commits concurrent writes in shared transactions.
    /// </summary>
    GroupCommit,

    /// <summary>Akka.Persistence.Sql (linq2db), <c>plugin = akka-persistence-sql</c>; its tables are prefixed <c>akka_</c>.</summary>
    AkkaPersistenceSql,
}
