using System.Data.Common;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;
using ProcessManager.Persistence.Storage;

namespace ProcessManager.Persistence.PostgreSql;

/// <summary>
/// PostgreSQL through one <see cref="NpgsqlDataSource"/>; tables live in a configurable schema (the
/// connection's search path). A batch of appends is one statement over arrays (<c>unnest</c>), so a
/// group commit costs one round trip and one WAL flush (<c>synchronous_commit</c> stays on).
/// </summary>
internal sealed partial class PostgreSqlDialect : SqlDialect
{
    /// <summary>Serialises migrations of daemons sharing a database (an arbitrary, fixed key).</summary>
    private const long MigrationLockKey = 0x70626D5F6A726E6CL;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;

    public PostgreSqlDialect(string connectionString, string schema, int maxPoolSize)
    {
        if (!SchemaName().IsMatch(schema))
        {
            throw new ArgumentException(
                $"pbm.persistence.postgresql.schema '{schema}' is not a plain identifier (letters, digits, '_', at most 63)");
        }

        _schema = schema;
        NpgsqlConnectionStringBuilder builder;
        try
        {
            // Automatic preparation: the journal's few statements are parsed and planned once per connection.
            builder = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema, MaxPoolSize = maxPoolSize, MaxAutoPrepare = 20 };
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"pbm.persistence.postgresql.connection-string is invalid: {e.Message}", e);
        }

        _dataSource = NpgsqlDataSource.Create(builder);
        Name = $"PostgreSQL ({builder.Host}:{builder.Port}/{builder.Database}, schema {schema})";
    }

    public override string Name { get; }

    public override IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "journal and snapshot tables",
        [
            """
            CREATE TABLE journal (
                ordering BIGSERIAL PRIMARY KEY,
                persistence_id TEXT NOT NULL,
                sequence_nr BIGINT NOT NULL,
                created BIGINT NOT NULL,
                tags TEXT NULL,
                manifest TEXT NOT NULL,
                payload BYTEA NOT NULL,
                writer_uuid TEXT NOT NULL,
                deleted BOOLEAN NOT NULL DEFAULT FALSE,
                CONSTRAINT journal_persistence_id_sequence_nr UNIQUE (persistence_id, sequence_nr))
            """,
            """
            CREATE TABLE snapshot (
                persistence_id TEXT NOT NULL,
                sequence_nr BIGINT NOT NULL,
                created BIGINT NOT NULL,
                manifest TEXT NOT NULL,
                payload BYTEA NOT NULL,
                PRIMARY KEY (persistence_id, sequence_nr))
            """,
        ]),
        new(2, "tag index table",
        [
            """
            CREATE TABLE event_tag (
                tag TEXT NOT NULL,
                ordering BIGINT NOT NULL,
                persistence_id TEXT NOT NULL,
                sequence_nr BIGINT NOT NULL,
                PRIMARY KEY (tag, ordering))
            """,
            "CREATE INDEX event_tag_persistence_id ON event_tag (persistence_id, sequence_nr)",
        ]),
        new(3, "serializer ids (Akka serialization)",
        [
            "ALTER TABLE journal ADD COLUMN serializer_id INTEGER NULL",
            "ALTER TABLE snapshot ADD COLUMN serializer_id INTEGER NULL",
        ]),
    ];

    public override async Task<DbConnection> OpenReaderAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override Task<DbConnection> OpenWriterAsync(CancellationToken cancellationToken) => OpenReaderAsync(cancellationToken);

    public override async Task PrepareMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({MigrationLockKey}); CREATE SCHEMA IF NOT EXISTS \"{_schema}\"";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task AppendAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<JournalRow> rows, CancellationToken cancellationToken)
    {
        var count = rows.Count;
        var pids = new string[count];
        var seqs = new long[count];
        var created = new long[count];
        var tags = new string?[count];
        var manifests = new string[count];
        var payloads = new byte[count][];
        var writers = new string[count];
        var serializers = new int?[count];
        for (var i = 0; i < count; i++)
        {
            var row = rows[i];
            pids[i] = row.PersistenceId;
            seqs[i] = row.SequenceNr;
            created[i] = row.CreatedMs;
            tags[i] = row.Tags;
            manifests[i] = row.Manifest;
            payloads[i] = row.Payload;
            writers[i] = row.WriterUuid;
            serializers[i] = row.SerializerId;
        }

        await using var command = new NpgsqlCommand(
            """
            WITH inserted AS (
                INSERT INTO journal (persistence_id, sequence_nr, created, tags, manifest, payload, writer_uuid, serializer_id)
                SELECT * FROM unnest(@pids, @seqs, @created, @tags, @manifests, @payloads, @writers, @serializers)
                RETURNING ordering, persistence_id, sequence_nr, tags)
            INSERT INTO event_tag (tag, ordering, persistence_id, sequence_nr)
            SELECT t.tag, i.ordering, i.persistence_id, i.sequence_nr
            FROM inserted i CROSS JOIN LATERAL unnest(string_to_array(i.tags, ';')) AS t(tag)
            """,
            (NpgsqlConnection)connection,
            (NpgsqlTransaction)transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]>("pids", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = pids });
        command.Parameters.Add(new NpgsqlParameter<long[]>("seqs", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = seqs });
        command.Parameters.Add(new NpgsqlParameter<long[]>("created", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = created });
        command.Parameters.Add(new NpgsqlParameter<string?[]>("tags", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = tags });
        command.Parameters.Add(new NpgsqlParameter<string[]>("manifests", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = manifests });
        command.Parameters.Add(new NpgsqlParameter<byte[][]>("payloads", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { TypedValue = payloads });
        command.Parameters.Add(new NpgsqlParameter<string[]>("writers", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = writers });
        command.Parameters.Add(new NpgsqlParameter<int?[]>("serializers", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = serializers });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override bool IsUniqueViolation(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public override bool IsTransient(Exception exception) => exception is NpgsqlException { IsTransient: true };

    public override async ValueTask DisposeAsync() => await _dataSource.DisposeAsync().ConfigureAwait(false);

    [GeneratedRegex(@"\A[A-Za-z_][A-Za-z0-9_]{0,62}\z")]
    private static partial Regex SchemaName();
}
