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
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteConstraint = 19;

    private readonly string _connectionString;

    /// <summary>Statements prepared on the current writer connection; writer loop only.</summary>
    private WriterStatements? _writerStatements;

    /// <param name="path">The database file.</param>
    /// <param name="busyTimeout">How long a statement retries while another connection holds a lock (whole seconds).</param>
    public SqliteDialect(string path, TimeSpan busyTimeout)
    {
        var fullPath = Path.GetFullPath(path);
        CreatePrivately(fullPath);

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            // Microsoft.Data.Sqlite retries a busy or locked database until the command timeout passes.
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
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
        new(3, "serializer ids (Akka serialization)",
        [
            "ALTER TABLE journal ADD COLUMN serializer_id INTEGER NULL",
            "ALTER TABLE snapshot ADD COLUMN serializer_id INTEGER NULL",
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
        // The statements are prepared once per writer connection (only the writer loop calls this).
        var statements = _writerStatements is { } cached && ReferenceEquals(cached.Connection, connection)
            ? cached
            : ReplaceStatements((SqliteConnection)connection);
        var sqliteTransaction = (SqliteTransaction)transaction;
        foreach (var row in rows)
        {
            var insert = row.Tags is null ? statements.Insert : statements.InsertReturning;
            insert.Transaction = sqliteTransaction;
            var parameters = insert.Parameters;
            parameters[0].Value = row.PersistenceId;
            parameters[1].Value = row.SequenceNr;
            parameters[2].Value = row.CreatedMs;
            parameters[3].Value = (object?)row.Tags ?? DBNull.Value;
            parameters[4].Value = row.Manifest;
            parameters[5].Value = row.Payload;
            parameters[6].Value = row.WriterUuid;
            parameters[7].Value = (object?)row.SerializerId ?? DBNull.Value;
            if (row.Tags is null)
            {
                insert.ExecuteNonQuery();
                continue;
            }

            var ordering = (long)insert.ExecuteScalar()!;
            var tagInsert = statements.TagInsert;
            tagInsert.Transaction = sqliteTransaction;
            foreach (var tag in row.Tags.Split(';'))
            {
                tagInsert.Parameters[0].Value = tag;
                tagInsert.Parameters[1].Value = ordering;
                tagInsert.Parameters[2].Value = row.PersistenceId;
                tagInsert.Parameters[3].Value = row.SequenceNr;
                tagInsert.ExecuteNonQuery();
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>A new database file and the folder made for it are private (0600, 0700): the journal holds the daemon's history.</summary>
    private static void CreatePrivately(string fullPath)
    {
        var directory = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        if (!OperatingSystem.IsWindows() && !File.Exists(fullPath))
        {
            using var created = new FileStream(fullPath, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
    }

    private WriterStatements ReplaceStatements(SqliteConnection connection)
    {
        _writerStatements?.Dispose();
        return _writerStatements = new WriterStatements(connection);
    }

    public override bool IsUniqueViolation(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteConstraint };

    public override bool IsTransient(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked };

    public override ValueTask DisposeAsync()
    {
        _writerStatements?.Dispose();
        // Pooled connections keep the file open; release them so the file can be moved or deleted.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }

    /// <summary>Prepared statements of the writer connection.</summary>
    private sealed class WriterStatements(SqliteConnection connection) : IDisposable
    {
        private const string InsertSql =
            "INSERT INTO journal (persistence_id, sequence_nr, created, tags, manifest, payload, writer_uuid, serializer_id) " +
            "VALUES (@pid, @seq, @created, @tags, @manifest, @payload, @writer, @serializer)";

        public SqliteConnection Connection { get; } = connection;

        public SqliteCommand Insert { get; } = Prepare(connection, InsertSql, JournalParameters);

        public SqliteCommand InsertReturning { get; } = Prepare(connection, InsertSql + " RETURNING ordering", JournalParameters);

        public SqliteCommand TagInsert { get; } = Prepare(
            connection,
            "INSERT INTO event_tag (tag, ordering, persistence_id, sequence_nr) VALUES (@tag, @ordering, @pid, @seq)",
            [("@tag", SqliteType.Text), ("@ordering", SqliteType.Integer), ("@pid", SqliteType.Text), ("@seq", SqliteType.Integer)]);

        private static readonly (string, SqliteType)[] JournalParameters =
        [
            ("@pid", SqliteType.Text), ("@seq", SqliteType.Integer), ("@created", SqliteType.Integer), ("@tags", SqliteType.Text),
            ("@manifest", SqliteType.Text), ("@payload", SqliteType.Blob), ("@writer", SqliteType.Text), ("@serializer", SqliteType.Integer),
        ];

        public void Dispose()
        {
            Insert.Dispose();
            InsertReturning.Dispose();
            TagInsert.Dispose();
        }

        private static SqliteCommand Prepare(SqliteConnection connection, string sql, (string Name, SqliteType Type)[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, type) in parameters)
            {
                command.Parameters.Add(name, type);
            }

            return command;
        }
    }
}
