using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using ProcessManager.Persistence.Configuration;

namespace ProcessManager.Persistence.Storage;

/// <summary>
/// The single writer: drains a bounded channel of <see cref="WriteOperation"/>s and commits each batch
/// in one transaction, then completes every request of the batch. A batch that fails for a transient
/// reason is tried again (<see cref="WriteRetrySettings"/>); one that fails otherwise is split, one
/// transaction per request, so one bad request (a sequence-number conflict) fails alone.
/// </summary>
[DebuggerDisplay("{_dialect.Name}, queued = {_queue.Reader.Count}")]
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    /// <summary>Queued requests; bounded, writers wait when it is full.</summary>
    private readonly Channel<WriteOperation> _queue;
    private readonly SqlDialect _dialect;
    private readonly Func<DbConnection, DbTransaction, IReadOnlyList<WriteOperation>, CancellationToken, Task> _execute;
    private readonly GroupCommitSettings _settings;
    private readonly WriteRetrySettings _retry;
    private readonly Task _loop;

    /// <summary>The writer connection; null until opened, reset after the connection broke. Loop-only.</summary>
    private DbConnection? _connection;

    /// <summary>Write requests that failed (after their retries) since the writer started; read by any thread.</summary>
    private long _failed;

    public GroupCommitWriter(
        SqlDialect dialect,
        GroupCommitSettings settings,
        WriteRetrySettings retry,
        Func<DbConnection, DbTransaction, IReadOnlyList<WriteOperation>, CancellationToken, Task> execute)
    {
        _dialect = dialect;
        _settings = settings;
        _retry = retry;
        _execute = execute;
        _queue = Channel.CreateBounded<WriteOperation>(new BoundedChannelOptions(settings.ChannelCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Write requests waiting for their transaction now.</summary>
    public int Queued => _queue.Reader.Count;

    /// <summary>Write requests that may wait before writers are held back (group-commit.channel-capacity).</summary>
    public int Capacity => _settings.ChannelCapacity;

    /// <summary>Write requests that failed since the writer started (their callers were told).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Queues <paramref name="operation"/> and waits until its transaction committed.</summary>
    /// <remarks>The token cancels waiting for queue space only: once queued, the write happens.</remarks>
    public async Task SubmitAsync(WriteOperation operation, CancellationToken cancellationToken)
    {
        if (!_queue.Writer.TryWrite(operation))
        {
            try
            {
                await _queue.Writer.WriteAsync(operation, cancellationToken).ConfigureAwait(false);
            }
            catch (ChannelClosedException e)
            {
                throw new PersistenceException($"the {_dialect.Name} store is closed; {operation.Describe()} was not done", e);
            }
        }

        await operation.Completion.Task.ConfigureAwait(false);
    }

    /// <summary>Stops taking requests, commits every queued one, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<WriteOperation>(Math.Min(_settings.MaxBatch, 1024));
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            Drain(reader, batch);
            if (_settings.MaxDelay > TimeSpan.Zero && batch.Count < _settings.MaxBatch)
            {
                await LingerAsync(reader, batch).ConfigureAwait(false);
            }

            await CommitAsync(batch).ConfigureAwait(false);
        }
    }

    private void Drain(ChannelReader<WriteOperation> reader, List<WriteOperation> batch)
    {
        while (batch.Count < _settings.MaxBatch && reader.TryRead(out var operation))
        {
            batch.Add(operation);
        }
    }

    private async Task LingerAsync(ChannelReader<WriteOperation> reader, List<WriteOperation> batch)
    {
        using var timeout = new CancellationTokenSource(_settings.MaxDelay);
        try
        {
            while (batch.Count < _settings.MaxBatch && await reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false))
            {
                Drain(reader, batch);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // The delay is over: commit what we have.
        }
    }

    private async Task CommitAsync(List<WriteOperation> batch)
    {
        var started = Stopwatch.GetTimestamp();
        var error = await CommitWithRetryAsync(batch).ConfigureAwait(false);
        if (error is null)
        {
            JournalMetrics.RecordCommit(batch.Count, Stopwatch.GetElapsedTime(started));
            foreach (var operation in batch)
            {
                operation.Completion.TrySetResult();
            }

            return;
        }

        // A transient failure that outlived its retries is the database's, not one request's: splitting
        // the batch would only wait out the retries again per request.
        if (batch.Count == 1 || _dialect.IsTransient(error))
        {
            Interlocked.Add(ref _failed, batch.Count);
            foreach (var operation in batch)
            {
                operation.Completion.TrySetException(Classify(error, operation));
            }

            return;
        }

        foreach (var operation in batch)
        {
            var own = await CommitWithRetryAsync([operation]).ConfigureAwait(false);
            if (own is null)
            {
                operation.Completion.TrySetResult();
            }
            else
            {
                Interlocked.Increment(ref _failed);
                operation.Completion.TrySetException(Classify(own, operation));
            }
        }
    }

    /// <returns>Null once committed, else the last failure.</returns>
    private async Task<Exception?> CommitWithRetryAsync(IReadOnlyList<WriteOperation> operations)
    {
        var delay = _retry.FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await CommitInOneTransactionAsync(operations).ConfigureAwait(false);
                return null;
            }
            catch (Exception e) when (attempt < _retry.MaxTries && _dialect.IsTransient(e))
            {
                await Task.Delay(delay).ConfigureAwait(false);
                delay *= 2;
            }
            catch (Exception e)
            {
                return e;
            }
        }
    }

    private async Task CommitInOneTransactionAsync(IReadOnlyList<WriteOperation> operations)
    {
        try
        {
            _connection ??= await _dialect.OpenWriterAsync(CancellationToken.None).ConfigureAwait(false);
            await using var transaction = await _connection.BeginTransactionAsync().ConfigureAwait(false);
            await _execute(_connection, transaction, operations, CancellationToken.None).ConfigureAwait(false);
            await transaction.CommitAsync().ConfigureAwait(false);
        }
        catch (Exception) when (_connection is not null && _connection.State != ConnectionState.Open)
        {
            // The connection broke (server restart, network): open a fresh one for the next try.
            await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
            throw;
        }
    }

    private Exception Classify(Exception e, WriteOperation operation)
    {
        if (operation is AppendEvents append && _dialect.IsUniqueViolation(e))
        {
            var first = append.Rows[0];
            var last = append.Rows[^1];
            return new JournalConflictException(
                $"{operation.Describe()} rejected: sequence number(s) {first.SequenceNr}..{last.SequenceNr} of '{first.PersistenceId}' are already in the journal; is a second writer (another actor or daemon) using this persistence id?",
                e)
            {
                PersistenceId = first.PersistenceId,
                FromSequenceNr = first.SequenceNr,
                ToSequenceNr = last.SequenceNr,
            };
        }

        return e as PersistenceException ?? new PersistenceException($"{_dialect.Name}: {operation.Describe()} failed: {e.Message}", e);
    }
}
