using System.Data.Common;
using Microsoft.Data.Sqlite;
using ProcessManager.Persistence.Storage;

namespace ProcessManager.Persistence.Sqlite;

/// <summary>
/// SQLite in WAL mode. The writer connection runs <c>synchronous=FULL</c>: in WAL mode that syncs the
/// log at every commit, so an acknowledged write survives power loss (NORMAL would only survive a
/// process crash). Group commit makes that one fsync per batch, not per event.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    private const int SqliteConstraint = 19;

    private readonly string _connectionString;

    public SqliteDialect(string path)
    {
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        FilePath = fullPath;
    }

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    public override string Name => $"SQLite ({FilePath})";

    public override IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "journal and snapshot tables",
        [
            """
            CREATE TABLE journal (
                ordering INTEGER PRIMARY KEY AUTOINCREMENT,
                persistence_id TEXT NOT NULL,
                sequence_nr INTEGER NOT NULL,
                created INTEGER NOT NULL,
                tags TEXT NULL,
                manifest TEXT NOT NULL,
                payload BLOB NOT NULL,
                writer_uuid TEXT NOT NULL,
                deleted INTEGER NOT NULL DEFAULT 0,
                CONSTRAINT journal_persistence_id_sequence_nr UNIQUE (persistence_id, sequence_nr))
            """,
            """
            CREATE TABLE snapshot (
                persistence_id TEXT NOT NULL,
                sequence_nr INTEGER NOT NULL,
                created INTEGER NOT NULL,
                manifest TEXT NOT NULL,
                payload BLOB NOT NULL,
                PRIMARY KEY (persistence_id, sequence_nr))
            """,
        ]),
        new(2, "tag index table",
        [
            """
            CREATE TABLE event_tag (
                tag TEXT NOT NULL,
                ordering INTEGER NOT NULL,
                persistence_id TEXT NOT NULL,
                sequence_nr INTEGER NOT NULL,
                PRIMARY KEY (tag, ordering)) WITHOUT ROWID
            """,
            "CREATE INDEX event_tag_persistence_id ON event_tag (persistence_id, sequence_nr)",
        ]),
    ];

    public override async Task<DbConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    public override async Task<DbConnection> OpenWriterAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;";
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    public override Task AppendAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<JournalRow> rows, CancellationToken cancellationToken)
    {
        // SQLite runs in-process: a prepared statement per row is as cheap as a multi-row insert.
        using var insert = (SqliteCommand)connection.CreateCommand();
        insert.Transaction = (SqliteTransaction)transaction;
        insert.CommandText =
            "INSERT INTO journal (persistence_id, sequence_nr, created, tags, manifest, payload, writer_uuid) " +
            "VALUES (@pid, @seq, @created, @tags, @manifest, @payload, @writer) RETURNING ordering";
        var pid = insert.Parameters.Add("@pid", SqliteType.Text);
        var seq = insert.Parameters.Add("@seq", SqliteType.Integer);
        var created = insert.Parameters.Add("@created", SqliteType.Integer);
        var tags = insert.Parameters.Add("@tags", SqliteType.Text);
        var manifest = insert.Parameters.Add("@manifest", SqliteType.Text);
        var payload = insert.Parameters.Add("@payload", SqliteType.Blob);
        var writer = insert.Parameters.Add("@writer", SqliteType.Text);
        insert.Prepare();

        SqliteCommand? tagInsert = null;
        try
        {
            foreach (var row in rows)
            {
                pid.Value = row.PersistenceId;
                seq.Value = row.SequenceNr;
                created.Value = row.CreatedMs;
                tags.Value = (object?)row.Tags ?? DBNull.Value;
                manifest.Value = row.Manifest;
                payload.Value = row.Payload;
                writer.Value = row.WriterUuid;
                var ordering = (long)insert.ExecuteScalar()!;
                if (row.Tags is not null)
                {
                    tagInsert ??= CreateTagInsert(connection, transaction);
                    foreach (var tag in row.Tags.Split(';'))
                    {
                        tagInsert.Parameters[0].Value = tag;
                        tagInsert.Parameters[1].Value = ordering;
                        tagInsert.Parameters[2].Value = row.PersistenceId;
                        tagInsert.Parameters[3].Value = row.SequenceNr;
                        tagInsert.ExecuteNonQuery();
                    }
                }
            }
        }
        finally
        {
            tagInsert?.Dispose();
        }

        return Task.CompletedTask;
    }

    public override bool IsUniqueViolation(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteConstraint };

    public override ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; release them so the file can be moved or deleted.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }

    private static SqliteCommand CreateTagInsert(DbConnection connection, DbTransaction transaction)
    {
        var command = (SqliteCommand)connection.CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        command.CommandText = "INSERT INTO event_tag (tag, ordering, persistence_id, sequence_nr) VALUES (@tag, @ordering, @pid, @seq)";
        command.Parameters.Add("@tag", SqliteType.Text);
        command.Parameters.Add("@ordering", SqliteType.Integer);
        command.Parameters.Add("@pid", SqliteType.Text);
        command.Parameters.Add("@seq", SqliteType.Integer);
        command.Prepare();
        return command;
    }
}
