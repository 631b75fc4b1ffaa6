using System.Data.Common;
using System.Runtime.CompilerServices;
using ProcessManager.Persistence.Journal;
using ProcessManager.Persistence.Serialization;
using ProcessManager.Persistence.Snapshots;

namespace ProcessManager.Persistence.Storage;

/// <summary>
/// Journal, snapshot store and queries on any <see cref="SqlDialect"/>. Writes go through the
/// <see cref="GroupCommitWriter"/>; reads open their own pooled connections, so they never wait for a commit.
/// </summary>
internal sealed class SqlPersistenceStore : IPersistenceStore
{
    private const string EventColumns = "ordering, persistence_id, sequence_nr, created, tags, manifest, payload, writer_uuid";

    private readonly SqlDialect _dialect;
    private readonly EventSerializer _serializer;
    private readonly GroupCommitWriter _writer;
    private readonly string _writerUuid = Guid.NewGuid().ToString("N");
    private int _disposed;

    private SqlPersistenceStore(SqlDialect dialect, EventSerializer serializer, PersistenceSettings settings, int schemaVersion)
    {
        _dialect = dialect;
        _serializer = serializer;
        Settings = settings;
        SchemaVersion = schemaVersion;
        _writer = new GroupCommitWriter(dialect, settings.GroupCommit, ExecuteBatchAsync);
    }

    public PersistenceSettings Settings { get; }

    public int SchemaVersion { get; }

    public static async Task<SqlPersistenceStore> OpenAsync(
        SqlDialect dialect, EventSerializer serializer, PersistenceSettings settings, CancellationToken cancellationToken)
    {
        var version = await SchemaMigrator.MigrateAsync(dialect, cancellationToken).ConfigureAwait(false);
        return new SqlPersistenceStore(dialect, serializer, settings, version);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _writer.DisposeAsync().ConfigureAwait(false);
        await _dialect.DisposeAsync().ConfigureAwait(false);
    }

    // ---- journal: writes ----

    public Task WriteAsync(IReadOnlyList<PersistentEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return Task.CompletedTask;
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var rows = new JournalRow[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            ValidateId(e.PersistenceId);
            if (e.SequenceNr < 1)
            {
                throw new ArgumentException($"'{e.PersistenceId}': sequence numbers start at 1 (was {e.SequenceNr})", nameof(events));
            }

            var serialized = _serializer.Serialize(e.Payload);
            rows[i] = new JournalRow(
                e.PersistenceId,
                e.SequenceNr,
                e.Timestamp == default ? now : e.Timestamp.ToUnixTimeMilliseconds(),
                JoinTags(e),
                serialized.Manifest,
                serialized.Payload,
                e.WriterUuid.Length == 0 ? _writerUuid : e.WriterUuid);
        }

        return _writer.SubmitAsync(new AppendEvents(rows), cancellationToken);
    }

    public Task DeleteEventsToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        ValidateId(persistenceId);
        return _writer.SubmitAsync(new DeleteEvents(persistenceId, toSequenceNr), cancellationToken);
    }

    // ---- journal: reads and queries ----

    public IAsyncEnumerable<PersistentEvent> ReadEventsAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, long max, CancellationToken cancellationToken = default) =>
        EventsByPersistenceIdAsync(persistenceId, fromSequenceNr, toSequenceNr, max, cancellationToken);

    public async IAsyncEnumerable<PersistentEvent> EventsByPersistenceIdAsync(
        string persistenceId,
        long fromSequenceNr,
        long toSequenceNr,
        long max,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ValidateId(persistenceId);
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

    public async IAsyncEnumerable<PersistentEvent> EventsByTagAsync(
        string tag, long afterOrdering, long max, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        if (max <= 0)
        {
            yield break;
        }

        await using var connection = await _dialect.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT j.ordering, j.persistence_id, j.sequence_nr, j.created, j.tags, j.manifest, j.payload, j.writer_uuid " +
            "FROM event_tag t JOIN journal j ON j.ordering = t.ordering " +
            "WHERE t.tag = @tag AND t.ordering > @after AND NOT j.deleted ORDER BY t.ordering LIMIT @max";
        SqlDialect.AddParameter(command, "tag", tag);
        SqlDialect.AddParameter(command, "after", afterOrdering);
        SqlDialect.AddParameter(command, "max", max);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ReadEvent(reader);
        }
    }

    public async Task<IReadOnlyList<string>> PersistenceIdsAsync(string? after, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        await using var connection = await _dialect.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT DISTINCT persistence_id FROM journal WHERE persistence_id > @after ORDER BY persistence_id LIMIT @max";
        SqlDialect.AddParameter(command, "after", after ?? "");
        SqlDialect.AddParameter(command, "max", (long)max);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public Task<long> HighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default) =>
        ReadHighestSequenceNrAsync(persistenceId, cancellationToken);

    public async Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        ValidateId(persistenceId);
        await using var connection = await _dialect.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(sequence_nr), 0) FROM journal WHERE persistence_id = @pid";
        SqlDialect.AddParameter(command, "pid", persistenceId);
        var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture);
    }

    // ---- snapshots ----

    public Task SaveSnapshotAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ValidateId(metadata.PersistenceId);
        var serialized = _serializer.Serialize(snapshot);
        var created = metadata.Timestamp == default ? DateTimeOffset.UtcNow : metadata.Timestamp;
        return _writer.SubmitAsync(
            new SaveSnapshot(metadata.PersistenceId, metadata.SequenceNr, created.ToUnixTimeMilliseconds(), serialized.Manifest, serialized.Payload),
            cancellationToken);
    }

    public async Task<SelectedSnapshot?> LoadSnapshotAsync(
        string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ValidateId(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        await using var connection = await _dialect.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT persistence_id, sequence_nr, created, manifest, payload FROM snapshot WHERE persistence_id = @pid " +
            "AND sequence_nr >= @minSeq AND sequence_nr <= @maxSeq AND created >= @minTs AND created <= @maxTs " +
            "ORDER BY sequence_nr DESC LIMIT 1";
        AddCriteria(command, persistenceId, criteria);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var sequenceNr = reader.GetInt64(1);
        var created = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2));
        var manifest = reader.GetString(3);
        var payload = (byte[])reader.GetValue(4);
        var value = Deserialize(persistenceId, sequenceNr, manifest, payload, "snapshot");
        return new SelectedSnapshot(new SnapshotMetadata(persistenceId, sequenceNr, created), value);
    }

    public Task DeleteSnapshotsAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ValidateId(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        return _writer.SubmitAsync(new DeleteSnapshots(persistenceId, criteria), cancellationToken);
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
                command.CommandText =
                    "INSERT INTO snapshot (persistence_id, sequence_nr, created, manifest, payload) VALUES (@pid, @seq, @created, @manifest, @payload) " +
                    "ON CONFLICT (persistence_id, sequence_nr) DO UPDATE SET created = excluded.created, manifest = excluded.manifest, payload = excluded.payload";
                SqlDialect.AddParameter(command, "pid", save.PersistenceId);
                SqlDialect.AddParameter(command, "seq", save.SequenceNr);
                SqlDialect.AddParameter(command, "created", save.CreatedMs);
                SqlDialect.AddParameter(command, "manifest", save.Manifest);
                SqlDialect.AddParameter(command, "payload", save.Payload);
                break;
            case DeleteSnapshots deleteSnapshots:
                command.CommandText =
                    "DELETE FROM snapshot WHERE persistence_id = @pid AND sequence_nr >= @minSeq AND sequence_nr <= @maxSeq " +
                    "AND created >= @minTs AND created <= @maxTs";
                AddCriteria(command, deleteSnapshots.PersistenceId, deleteSnapshots.Criteria);
                break;
            default:
                throw new InvalidOperationException($"unknown write operation {operation.GetType().Name}");
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    // ---- helpers ----

    private PersistentEvent ReadEvent(DbDataReader reader)
    {
        var persistenceId = reader.GetString(1);
        var sequenceNr = reader.GetInt64(2);
        var manifest = reader.GetString(5);
        var payload = (byte[])reader.GetValue(6);
        var tags = reader.IsDBNull(4) ? "" : reader.GetString(4);
        return new PersistentEvent(persistenceId, sequenceNr, Deserialize(persistenceId, sequenceNr, manifest, payload, "event"))
        {
            Ordering = reader.GetInt64(0),
            Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
            Tags = tags.Length == 0 ? [] : tags.Split(';'),
            Manifest = manifest,
            WriterUuid = reader.GetString(7),
        };
    }

    private object Deserialize(string persistenceId, long sequenceNr, string manifest, byte[] payload, string what)
    {
        try
        {
            return _serializer.Deserialize(manifest, payload);
        }
        catch (PersistenceException e)
        {
            throw new EventDeserializationException(
                $"{_dialect.Name}: cannot read the {what} of persistence id '{persistenceId}' at sequence nr {sequenceNr} ({payload.Length} bytes): {e.Message}",
                e)
            {
                PersistenceId = persistenceId,
                SequenceNr = sequenceNr,
                Manifest = manifest,
            };
        }
    }

    private static void AddCriteria(DbCommand command, string persistenceId, SnapshotSelectionCriteria criteria)
    {
        SqlDialect.AddParameter(command, "pid", persistenceId);
        SqlDialect.AddParameter(command, "minSeq", criteria.MinSequenceNr);
        SqlDialect.AddParameter(command, "maxSeq", criteria.MaxSequenceNr);
        SqlDialect.AddParameter(command, "minTs", criteria.MinTimestampMs);
        SqlDialect.AddParameter(command, "maxTs", criteria.MaxTimestampMs);
    }

    private static string? JoinTags(PersistentEvent e)
    {
        if (e.Tags.Count == 0)
        {
            return null;
        }

        foreach (var tag in e.Tags)
        {
            if (string.IsNullOrWhiteSpace(tag) || tag.Contains(';', StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{e.PersistenceId}' #{e.SequenceNr}: tag '{tag}' is empty or contains ';'");
            }
        }

        return string.Join(';', e.Tags);
    }

    private static void ValidateId(string persistenceId)
    {
        if (string.IsNullOrWhiteSpace(persistenceId))
        {
            throw new ArgumentException("a persistence id must not be empty", nameof(persistenceId));
        }
    }
}
