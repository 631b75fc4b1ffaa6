using System.Collections.Immutable;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Sql.Journal;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ProcessManager.Persistence.Journal;

/// <summary>
/// Akka.Persistence.Sql's journal with the write-failure rule of <see cref="GroupCommitJournal"/>: a write the database
/// refused (disk full, I/O error, lost connection, a missing table) is a rejection of the writes in that call, so the
/// persistent actors learn it and go on; Akka stops an actor whose write "failed", and with it the programs it
/// supervises. A unique violation (a second writer of the same persistence id) stays a failure: that actor must stop.
/// </summary>
public sealed class RejectingSqlWriteJournal : SqlWriteJournal
{
    private const int SqliteConstraint = 19;

    public RejectingSqlWriteJournal(Config journalConfig)
        : base(journalConfig)
    {
    }

    protected override async Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var writes = messages as IReadOnlyList<AtomicWrite> ?? messages.ToList();
        try
        {
            return await base.WriteMessagesAsync(writes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException && !IsUniqueViolation(e))
        {
            var refused = new JournalWriteFailedException($"the database refused the write: {e.GetBaseException().Message}", e);
            return ImmutableList.CreateRange(Enumerable.Repeat<Exception>(refused, writes.Count));
        }
    }

    private static bool IsUniqueViolation(Exception? error) => error switch
    {
        null => false,
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsUniqueViolation),
        _ => IsUniqueViolation(error.InnerException),
    };
}
