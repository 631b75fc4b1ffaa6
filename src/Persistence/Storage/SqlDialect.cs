using System.Data.Common;

namespace ProcessManager.Persistence.Storage;

/// <summary>What differs between the databases; the shared SQL lives in <see cref="GroupCommitStore"/>.</summary>
internal abstract class SqlDialect : IAsyncDisposable
{
    /// <summary>Provider name for messages.</summary>
    public abstract string Name { get; }

    /// <summary>Schema steps in ascending version order.</summary>
    public abstract IReadOnlyList<Migration> Migrations { get; }

    /// <summary>A connection for queries; callers dispose it (it returns to the pool).</summary>
    public abstract Task<DbConnection> OpenReaderAsync(CancellationToken cancellationToken);

    /// <summary>The connection of the single writer loop, configured for durable commits.</summary>
    public abstract Task<DbConnection> OpenWriterAsync(CancellationToken cancellationToken);

    /// <summary>Inserts journal rows (and their tag rows) inside <paramref name="transaction"/>.</summary>
    public abstract Task AppendAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<JournalRow> rows, CancellationToken cancellationToken);

    /// <summary>True if <paramref name="exception"/> is a unique-constraint violation.</summary>
    public abstract bool IsUniqueViolation(Exception exception);

    /// <summary>True if the same statement may succeed when tried again (a busy database, a dropped connection).</summary>
    public abstract bool IsTransient(Exception exception);

    /// <summary>Runs first in the migration transaction (e.g. take a lock so that two daemons do not migrate at once).</summary>
    public virtual Task PrepareMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public abstract ValueTask DisposeAsync();

    /// <summary>Adds a named parameter.</summary>
    public static void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
