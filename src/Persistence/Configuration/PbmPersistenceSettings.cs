using System.Text.RegularExpressions;

namespace ProcessManager.Persistence.Configuration;

/// <summary>
/// Settings of the persistence layer; HOCON <c>pbm.persistence { ... }</c> maps onto it, and
/// <see cref="PersistencePlugins"/> turns it into Akka.Persistence plugin configuration.
/// Every default is stated next to its property.
/// </summary>
public sealed partial record PbmPersistenceSettings
{
    /// <summary><c>plugin</c>: which Akka.Persistence plugin is the default journal and snapshot store. Default <see cref="PersistencePluginKind.GroupCommit"/>.</summary>
    public PersistencePluginKind Plugin { get; init; } = PersistencePluginKind.GroupCommit;

    /// <summary><c>provider</c>: default <see cref="PersistenceProvider.Sqlite"/>.</summary>
    public PersistenceProvider Provider { get; init; } = PersistenceProvider.Sqlite;

    /// <summary><c>sqlite.path</c>: the database file; the host passes <c>$PBM_HOME/pbm.db</c>. Default <c>pbm.db</c>.</summary>
    public string SqlitePath { get; init; } = "pbm.db";

    /// <summary>
    /// <c>sqlite.busy-timeout</c>: how long a statement waits for a database locked by another connection before it
    /// fails. Whole seconds (rounded up), at least 1 s. Default 5 s.
    /// </summary>
    public TimeSpan SqliteBusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>postgresql.connection-string</c>: an Npgsql connection string. No default; required for PostgreSQL.</summary>
    public string? PostgreSqlConnectionString { get; init; }

    /// <summary><c>postgresql.schema</c>: schema holding the tables, created if missing. Default <c>public</c>.</summary>
    public string PostgreSqlSchema { get; init; } = "public";

    /// <summary><c>postgresql.max-pool-size</c>: connections opened to the server at most. Default 10.</summary>
    public int PostgreSqlMaxPoolSize { get; init; } = 10;

    /// <summary><c>group-commit { ... }</c>: how writes are batched into transactions.</summary>
    public GroupCommitSettings GroupCommit { get; init; } = new();

    /// <summary><c>write-retry { ... }</c>: how a write that failed for a transient reason is tried again.</summary>
    public WriteRetrySettings WriteRetry { get; init; } = new();

    /// <summary><c>retention { ... }</c>: how many events are kept per persistence id.</summary>
    public RetentionSettings Retention { get; init; } = new();

    /// <summary>
    /// <c>legacy-serializer-id</c>: the Akka serializer that reads rows written before schema version 3
    /// (they carry no serializer id). Default 7301, the product's process-event serializer.
    /// </summary>
    public int LegacySerializerId { get; init; } = 7301;

    /// <summary><c>query.refresh-interval</c>: how often live queries look for new events. Default 1 s.</summary>
    public TimeSpan QueryRefreshInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>query.max-buffer-size</c>: rows a query reads per round trip (and holds at most). Default 500.</summary>
    public int QueryMaxBufferSize { get; init; } = 500;

    /// <summary>
    /// <c>max-concurrent-recoveries</c>: persistent actors recovering at once (Akka's
    /// <c>akka.persistence.max-concurrent-recoveries</c>; the others wait for a permit). Default 100.
    /// </summary>
    public int MaxConcurrentRecoveries { get; init; } = 100;

    /// <summary>Checks every field; the message names the HOCON key at fault.</summary>
    /// <exception cref="ArgumentException">A field is out of range or missing.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Plugin))
        {
            throw new ArgumentException($"pbm.persistence.plugin: unknown plugin '{Plugin}' (use group-commit or akka-persistence-sql)");
        }

        switch (Provider)
        {
            case PersistenceProvider.Sqlite when string.IsNullOrWhiteSpace(SqlitePath):
                throw new ArgumentException("pbm.persistence.sqlite.path must name a file (it is empty)");
            case PersistenceProvider.PostgreSql when string.IsNullOrWhiteSpace(PostgreSqlConnectionString):
                throw new ArgumentException(
                    "pbm.persistence.postgresql.connection-string is required when provider = postgresql");
            case PersistenceProvider.PostgreSql when !SchemaName().IsMatch(PostgreSqlSchema ?? ""):
                throw new ArgumentException(
                    $"pbm.persistence.postgresql.schema '{PostgreSqlSchema}' is not a plain identifier (letters, digits, '_', at most 63)");
            case PersistenceProvider.Sqlite or PersistenceProvider.PostgreSql:
                break;
            default:
                throw new ArgumentException($"pbm.persistence.provider: unknown provider '{Provider}' (use sqlite or postgresql)");
        }

        if (SqliteBusyTimeout < TimeSpan.FromSeconds(1) || SqliteBusyTimeout > TimeSpan.FromHours(1))
        {
            throw new ArgumentException($"pbm.persistence.sqlite.busy-timeout must be within 1s..1h (was {SqliteBusyTimeout})");
        }

        if (PostgreSqlMaxPoolSize is < 1 or > 1000)
        {
            throw new ArgumentException($"pbm.persistence.postgresql.max-pool-size must be within 1..1000 (was {PostgreSqlMaxPoolSize})");
        }

        if (QueryRefreshInterval < TimeSpan.FromMilliseconds(10) || QueryRefreshInterval > TimeSpan.FromHours(1))
        {
            throw new ArgumentException($"pbm.persistence.query.refresh-interval must be within 10ms..1h (was {QueryRefreshInterval})");
        }

        if (QueryMaxBufferSize is < 1 or > 100_000)
        {
            throw new ArgumentException($"pbm.persistence.query.max-buffer-size must be within 1..100000 (was {QueryMaxBufferSize})");
        }

        if (MaxConcurrentRecoveries is < 1 or > 10_000)
        {
            throw new ArgumentException($"pbm.persistence.max-concurrent-recoveries must be within 1..10000 (was {MaxConcurrentRecoveries})");
        }

        GroupCommit.Validate();
        WriteRetry.Validate();
        Retention.Validate();
    }

    [GeneratedRegex(@"\A[A-Za-z_][A-Za-z0-9_]{0,62}\z")]
    private static partial Regex SchemaName();
}
