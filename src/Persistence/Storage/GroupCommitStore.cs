using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using ProcessManager.Persistence.Configuration;
using ProcessManager.Persistence.PostgreSql;
using ProcessManager.Persistence.Sqlite;

namespace ProcessManager.Persistence.Storage;

/// <summary>
/// Journal and snapshot tables of one database on any <see cref="SqlDialect"/>. Writes go through the
/// <see cref="GroupCommitWriter"/>; reads open their own pooled connections, so they never wait for a commit.
/// Payloads are opaque bytes here: the plugins serialize them.
/// </summary>
internal sealed class GroupCommitStore : IAsyncDisposable
{
    private const string EventColumns = "ordering, persistence_id, sequence_nr, created, tags, serializer_id, manifest, payload, writer_uuid";

    private readonly SqlDialect _dialect;
    private readonly GroupCommitWriter _writer;

    /// <summary>1 once disposal started; disposal runs once.</summary>
    private int _disposed;

    private GroupCommitStore(SqlDialect dialect, PbmPersistenceSettings settings, int schemaVersion)
    {
        _dialect = dialect;
        SchemaVersion = schemaVersion;
        _writer = new GroupCommitWriter(dialect, settings.GroupCommit, settings.WriteRetry, ExecuteBatchAsync);
    }

    /// <summary>Provider and database, for messages.</summary>
    public string Name => _dialect.Name;

    /// <summary>The schema version the database is at after migrations.</summary>
    public int SchemaVersion { get; }

    /// <summary>The writer's queue now.</summary>
    public WriteQueueStatistics WriteQueue => new(_writer.Queued, _writer.Capacity, _writer.Failed);

    /// <summary>Validates the settings, creates or migrates the schema and starts the writer.</summary>
    /// <exception cref="ArgumentException">Invalid settings (the message names the HOCON key).</exception>
    /// <exception cref="PersistenceException">The database cannot be opened or migrated.</exception>
    public static async Task<GroupCommitStore> OpenAsync(PbmPersistenceSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        SqlDialect dialect = settings.Provider == PersistenceProvider.Sqlite
            ? new SqliteDialect(settings.SqlitePath, settings.SqliteBusyTimeout)
            : new PostgreSqlDialect(settings.PostgreSqlConnectionString!, settings.PostgreSqlSchema, settings.PostgreSqlMaxPoolSize);
        try
        {
            var version = await SchemaMigrator.MigrateAsync(dialect, cancellationToken).ConfigureAwait(false);
            return new GroupCommitStore(dialect, settings, version);
        }
        catch (Exception e)
        {
            await dialect.DisposeAsync().ConfigureAwait(false);
            if (e is PersistenceException or OperationCanceledException)
            {
                throw;
            }

            throw new PersistenceException($"{dialect.Name}: cannot open the store: {e.Message}", e);
        }
    }

    /// <summary>Commits every queued write, then closes the database.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _writer.DisposeAsync().ConfigureAwait(false);
        await _dialect.DisposeAsync().ConfigureAwait(false);
    }

    // ---- writes (group commit) ----

    /// <summary>Appends the rows atomically (all or none); completes once they are durable.</summary>
    /// <exception cref="JournalConflictException">A sequence number is taken already.</exception>
    public Task AppendAsync(IReadOnlyList<JournalRow> rows, CancellationToken cancellationToken) =>
        rows.Count == 0 ? Task.CompletedTask : _writer.SubmitAsync(new AppendEvents(rows), cancellationToken);

    /// <summary>Deletes events up to <paramref name="toSequenceNr"/>; the highest stays known as a deleted marker.</summary>
    public Task DeleteEventsToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken) =>
        _writer.SubmitAsync(new DeleteEvents(persistenceId, toSequenceNr), cancellationToken);

    /// <summary>Saves (or replaces) a snapshot.</summary>
    public Task SaveSnapshotAsync(SnapshotRow row, CancellationToken cancellationToken) =>
        _writer.SubmitAsync(new SaveSnapshot(row), cancellationToken);

    /// <summary>Deletes the snapshots of an id within the range.</summary>
    public Task DeleteSnapshotsAsync(string persistenceId, SnapshotRange range, CancellationToken cancellationToken) =>
        _writer.SubmitAsync(new DeleteSnapshots(persistenceId, range), cancellationToken);

    // ---- reads ----

    /// <summary>Highest sequence number ever written for the id (kept after deletion); 0 if none.</summary>
    public async Task<long> HighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(sequence_nr), 0) FROM journal WHERE persistence_id = @pid";
        SqlDialect.AddParameter(command, "pid", persistenceId);
        var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(result, CultureInfo.InvariantCulture);
    }

    /// <summary>Events of one id within the bounds (inclusive), ascending, at most <paramref name="max"/>; deleted ones skipped.</summary>
    public async IAsyncEnumerable<JournalRow> EventsAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, long max, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (max <= 0 || toSequenceNr < fromSequenceNr)
        {
            yield break;
        }

        await using var connection = await _dialect.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT {EventColumns} FROM journal WHERE persistence_id = @pid AND sequence_nr >= @from AND sequence_nr <= @to AND NOT deleted ORDER BY sequence_nr LIMIT @max";
        SqlDialect.AddParameter(command, "pid", persistenceId);
        SqlDialect.AddParameter(command, "from", fromSequenceNr);
        SqlDialect.AddParameter(command, "to", toSequenceNr);
        SqlDialect.AddParameter(command, "max", max);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ReadEvent(reader);
        }
    }

    /// <summary>Events carrying <paramref name="tag"/> with ordering in (<paramref name="afterOrdering"/>, <paramref name="toOrdering"/>], ascending, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<JournalRow>> EventsByTagAsync(
        string tag, long afterOrdering, long toOrdering, int max, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT j.ordering, j.persistence_id, j.sequence_nr, j.created, j.tags, j.serializer_id, j.manifest, j.payload, j.writer_uuid " +
            "FROM event_tag t JOIN journal j ON j.ordering = t.ordering " +
            "WHERE t.tag = @tag AND t.ordering > @after AND t.ordering <= @to AND NOT j.deleted ORDER BY t.ordering LIMIT @max";
        SqlDialect.AddParameter(command, "tag", tag);
        SqlDialect.AddParameter(command, "after", afterOrdering);
        SqlDialect.AddParameter(command, "to", toOrdering);
        SqlDialect.AddParameter(command, "max", (long)max);
        return await ReadEventsAsync(command, max, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Persistence ids sorted, those after <paramref name="after"/> (null = from the start), at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<string>> PersistenceIdsAsync(string? after, int max, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT DISTINCT persistence_id FROM journal WHERE persistence_id > @after ORDER BY persistence_id LIMIT @max";
        SqlDialect.AddParameter(command, "after", after ?? "");
        SqlDialect.AddParameter(command, "max", (long)max);
        return await ReadStringsAsync(command, max, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Ids whose first stored row has an ordering in (<paramref name="afterOrdering"/>, <paramref name="toOrdering"/>],
    /// in that order, with the ordering of that row: how a live query learns of new ids.
    /// </summary>
    public async Task<IReadOnlyList<(string PersistenceId, long Ordering)>> NewPersistenceIdsAsync(
        long afterOrdering, long toOrdering, int max, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT j.persistence_id, j.ordering FROM journal j WHERE j.ordering > @after AND j.ordering <= @to " +
            "AND NOT EXISTS (SELECT 1 FROM journal k WHERE k.persistence_id = j.persistence_id AND k.ordering < j.ordering) " +
            "ORDER BY j.ordering LIMIT @max";
        SqlDialect.AddParameter(command, "after", afterOrdering);
        SqlDialect.AddParameter(command, "to", toOrdering);
        SqlDialect.AddParameter(command, "max", (long)max);
        var ids = new List<(string, long)>(Math.Min(max, 1024));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return ids;
    }

    /// <summary>The highest ordering in the journal; 0 when empty.</summary>
    public async Task<long> MaxOrderingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(ordering), 0) FROM journal";
        var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(result, CultureInfo.InvariantCulture);
    }

    /// <summary>The snapshot with the highest sequence number within the range, or null.</summary>
    public async Task<SnapshotRow?> LoadSnapshotAsync(string persistenceId, SnapshotRange range, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT persistence_id, sequence_nr, created, serializer_id, manifest, payload FROM snapshot WHERE persistence_id = @pid " +
            "AND sequence_nr >= @minSeq AND sequence_nr <= @maxSeq AND created >= @minTs AND created <= @maxTs " +
            "ORDER BY sequence_nr DESC LIMIT 1";
        AddRange(command, persistenceId, range);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new SnapshotRow(
            reader.GetString(0),
            reader.GetInt64(1),
            reader.GetInt64(2),
            reader.IsDBNull(3) ? null : reader.GetInt32(3),
            reader.GetString(4),
            (byte[])reader.GetValue(5));
    }

    // ---- the writer's side ----

    /// <summary>Runs a batch in the writer's transaction; consecutive appends become one insert.</summary>
    private async Task ExecuteBatchAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<WriteOperation> operations, CancellationToken cancellationToken)
    {
        List<JournalRow>? pending = null;
        foreach (var operation in operations)
        {
            if (operation is AppendEvents append)
            {
                if (operations.Count == 1)
                {
                    await _dialect.AppendAsync(connection, transaction, append.Rows, cancellationToken).ConfigureAwait(false);
                    return;
                }

                (pending ??= []).AddRange(append.Rows);
                continue;
            }

            if (pending is { Count: > 0 })
            {
                await _dialect.AppendAsync(connection, transaction, pending, cancellationToken).ConfigureAwait(false);
                pending.Clear();
            }

            await ExecuteOtherAsync(connection, transaction, operation, cancellationToken).ConfigureAwait(false);
        }

        if (pending is { Count: > 0 })
        {
            await _dialect.AppendAsync(connection, transaction, pending, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ExecuteOtherAsync(
        DbConnection connection, DbTransaction transaction, WriteOperation operation, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        switch (operation)
        {
            case DeleteEvents delete:
                // Tag rows go; journal rows go except the highest, which stays as a deleted marker so the
                // highest sequence number survives (a recovering actor must not reuse numbers).
                command.CommandText =
                    "DELETE FROM event_tag WHERE persistence_id = @pid AND sequence_nr <= @to; " +
                    "DELETE FROM journal WHERE persistence_id = @pid AND sequence_nr <= @to " +
                    "AND sequence_nr < (SELECT MAX(sequence_nr) FROM journal WHERE persistence_id = @pid); " +
                    "UPDATE journal SET deleted = TRUE WHERE persistence_id = @pid AND sequence_nr <= @to";
                SqlDialect.AddParameter(command, "pid", delete.PersistenceId);
                SqlDialect.AddParameter(command, "to", delete.ToSequenceNr);
                break;
            case SaveSnapshot save:
                var row = save.Row;
                command.CommandText =
                    "INSERT INTO snapshot (persistence_id, sequence_nr, created, serializer_id, manifest, payload) VALUES (@pid, @seq, @created, @serializer, @manifest, @payload) " +
                    "ON CONFLICT (persistence_id, sequence_nr) DO UPDATE SET created = excluded.created, serializer_id = excluded.serializer_id, manifest = excluded.manifest, payload = excluded.payload";
                SqlDialect.AddParameter(command, "pid", row.PersistenceId);
                SqlDialect.AddParameter(command, "seq", row.SequenceNr);
                SqlDialect.AddParameter(command, "created", row.CreatedMs);
                SqlDialect.AddParameter(command, "serializer", row.SerializerId);
                SqlDialect.AddParameter(command, "manifest", row.Manifest);
                SqlDialect.AddParameter(command, "payload", row.Payload);
                break;
            case DeleteSnapshots deleteSnapshots:
                command.CommandText =
                    "DELETE FROM snapshot WHERE persistence_id = @pid AND sequence_nr >= @minSeq AND sequence_nr <= @maxSeq " +
                    "AND created >= @minTs AND created <= @maxTs";
                AddRange(command, deleteSnapshots.PersistenceId, deleteSnapshots.Range);
                break;
            default:
                throw new InvalidOperationException($"unknown write operation {operation.GetType().Name}");
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    // ---- helpers ----

    private static async Task<IReadOnlyList<JournalRow>> ReadEventsAsync(DbCommand command, int max, CancellationToken cancellationToken)
    {
        var rows = new List<JournalRow>(Math.Min(max, 1024));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(ReadEvent(reader));
        }

        return rows;
    }

    private static async Task<IReadOnlyList<string>> ReadStringsAsync(DbCommand command, int max, CancellationToken cancellationToken)
    {
        var values = new List<string>(Math.Min(max, 1024));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static JournalRow ReadEvent(DbDataReader reader) =>
        new(
            reader.GetString(1),
            reader.GetInt64(2),
            reader.GetInt64(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetInt32(5),
            reader.GetString(6),
            (byte[])reader.GetValue(7),
            reader.GetString(8))
        {
            Ordering = reader.GetInt64(0),
        };

    private static void AddRange(DbCommand command, string persistenceId, SnapshotRange range)
    {
        SqlDialect.AddParameter(command, "pid", persistenceId);
        SqlDialect.AddParameter(command, "minSeq", range.MinSequenceNr);
        SqlDialect.AddParameter(command, "maxSeq", range.MaxSequenceNr);
        SqlDialect.AddParameter(command, "minTs", range.MinCreatedMs);
        SqlDialect.AddParameter(command, "maxTs", range.MaxCreatedMs);
    }
}
