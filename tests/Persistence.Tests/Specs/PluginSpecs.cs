using ProcessManager.Persistence.Configuration;
using ProcessManager.Persistence.Tests.Targets;

namespace ProcessManager.Persistence.Tests.Specs;

public sealed class GroupCommitOnSqliteSpec() : PersistencePluginSpec(SqliteTarget.Create(PersistencePluginKind.GroupCommit));

public sealed class GroupCommitOnPostgreSqlSpec() : PersistencePluginSpec(PostgreSqlTarget.CreateOrSkip(PersistencePluginKind.GroupCommit));

public sealed class AkkaPersistenceSqlOnSqliteSpec() : PersistencePluginSpec(SqliteTarget.Create(PersistencePluginKind.AkkaPersistenceSql));

public sealed class AkkaPersistenceSqlOnPostgreSqlSpec() : PersistencePluginSpec(PostgreSqlTarget.CreateOrSkip(PersistencePluginKind.AkkaPersistenceSql));
