using System.Globalization;

namespace ProcessManager.Persistence.Storage;

/// <summary>Brings a database to the newest schema: a <c>schema_version</c> table records applied steps.</summary>
internal static class SchemaMigrator
{
    /// <summary>Applies the missing migrations in one transaction; returns the resulting version.</summary>
    /// <exception cref="PersistenceException">The database is newer than this build, or a step failed.</exception>
    public static async Task<int> MigrateAsync(SqlDialect dialect, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await dialect.PrepareMigrationAsync(connection, transaction, cancellationToken).ConfigureAwait(false);

        await using (var create = connection.CreateCommand())
        {
            create.Transaction = transaction;
            create.CommandText =
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied BIGINT NOT NULL)";
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        int current;
        await using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
            current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }

        var newest = dialect.Migrations[^1].Version;
        if (current > newest)
        {
            throw new PersistenceException(
                $"{dialect.Name}: the database schema is at version {current}, newer than this build knows ({newest}); upgrade ProcessManager");
        }

        foreach (var migration in dialect.Migrations.Where(m => m.Version > current))
        {
            try
            {
                foreach (var statement in migration.Statements)
                {
                    await using var command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = statement;
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await using var record = connection.CreateCommand();
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_version (version, description, applied) VALUES (@v, @d, @a)";
                SqlDialect.AddParameter(record, "v", migration.Version);
                SqlDialect.AddParameter(record, "d", migration.Description);
                SqlDialect.AddParameter(record, "a", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not PersistenceException and not OperationCanceledException)
            {
                throw new PersistenceException(
                    $"{dialect.Name}: schema migration {migration.Version} ({migration.Description}) failed: {e.Message}", e);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return Math.Max(current, newest);
    }
}
