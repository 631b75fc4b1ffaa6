namespace ProcessManager.Persistence;

/// <summary>Which database holds the journal and the snapshots.</summary>
public enum PersistenceProvider
{
    /// <summary>Embedded SQLite file (the default): <c>pbm.persistence.provider = sqlite</c>.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, shared by several daemons: <c>provider = postgresql</c>.</summary>
    PostgreSql,
}

/// <summary>
/// Settings of the persistence layer; HOCON <c>pbm.persistence { ... }</c> maps onto it.
/// Every default is stated next to its property.
/// </summary>
public sealed record PersistenceSettings
{
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

    /// <summary><c>retention { ... }</c>: how many events are kept per persistence id.</summary>
    public RetentionSettings Retention { get; init; } = new();

    /// <summary>Checks every field; the message names the HOCON key at fault.</summary>
    /// <exception cref="ArgumentException">A field is out of range or missing.</exception>
    public void Validate()
    {
        switch (Provider)
        {
            case PersistenceProvider.Sqlite when string.IsNullOrWhiteSpace(SqlitePath):
                throw new ArgumentException("pbm.persistence.sqlite.path must name a file (it is empty)");
            case PersistenceProvider.PostgreSql when string.IsNullOrWhiteSpace(PostgreSqlConnectionString):
                throw new ArgumentException(
                    "pbm.persistence.postgresql.connection-string is required when provider = postgresql");
            case PersistenceProvider.PostgreSql when string.IsNullOrWhiteSpace(PostgreSqlSchema):
                throw new ArgumentException("pbm.persistence.postgresql.schema must not be empty");
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

        GroupCommit.Validate();
        Retention.Validate();
    }
}

/// <summary>
/// Group commit: one writer drains a bounded queue of write requests and commits each batch in one
/// transaction, so many actors' writes share one fsync.
/// </summary>
public sealed record GroupCommitSettings
{
    /// <summary><c>max-batch</c>: most write requests in one transaction. Default 500.</summary>
    public int MaxBatch { get; init; } = 500;

    /// <summary>
    /// <c>max-delay</c>: how long a batch that is not full may wait for more requests. Default 0:
    /// requests that arrive while a commit is in flight form the next batch, which already groups
    /// writes under load without adding latency to a lone writer.
    /// </summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.Zero;

    /// <summary><c>channel-capacity</c>: queued write requests before writers wait (back-pressure). Default 10000.</summary>
    public int ChannelCapacity { get; init; } = 10_000;

    internal void Validate()
    {
        if (MaxBatch < 1)
        {
            throw new ArgumentException($"pbm.persistence.group-commit.max-batch must be >= 1 (was {MaxBatch})");
        }

        if (MaxDelay < TimeSpan.Zero || MaxDelay > TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException($"pbm.persistence.group-commit.max-delay must be within 0..1s (was {MaxDelay})");
        }

        if (ChannelCapacity < 1)
        {
            throw new ArgumentException($"pbm.persistence.group-commit.channel-capacity must be >= 1 (was {ChannelCapacity})");
        }
    }
}

/// <summary>Bounds the journal per persistence id; snapshots make the deleted prefix unnecessary for recovery.</summary>
public sealed record RetentionSettings
{
    /// <summary><c>max-events-per-process</c>: events kept per persistence id once a snapshot covers older ones. Default 1000.</summary>
    public int MaxEventsPerProcess { get; init; } = 1000;

    /// <summary><c>snapshot-every</c>: a persistent actor saves a snapshot every this many events (0 = never). Default 100.</summary>
    public int SnapshotEvery { get; init; } = 100;

    internal void Validate()
    {
        if (MaxEventsPerProcess < 1)
        {
            throw new ArgumentException(
                $"pbm.persistence.retention.max-events-per-process must be >= 1 (was {MaxEventsPerProcess})");
        }

        if (SnapshotEvery < 0)
        {
            throw new ArgumentException($"pbm.persistence.retention.snapshot-every must be >= 0 (was {SnapshotEvery})");
        }
    }
}
