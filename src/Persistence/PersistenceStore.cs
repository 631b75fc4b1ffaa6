using ProcessManager.Persistence.PostgreSql;
using ProcessManager.Persistence.Serialization;
using ProcessManager.Persistence.Sqlite;
using ProcessManager.Persistence.Storage;

namespace ProcessManager.Persistence;

/// <summary>Opens the store the settings name.</summary>
public static class PersistenceStore
{
    /// <summary>
    /// Validates <paramref name="settings"/>, creates or migrates the schema, and starts the
    /// group-commit writer. Dispose the store to flush and close it.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid settings (the message names the HOCON key).</exception>
    /// <exception cref="PersistenceException">The database cannot be opened or migrated.</exception>
    public static async Task<IPersistenceStore> OpenAsync(
        PersistenceSettings settings, EventSerializer serializer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(serializer);
        settings.Validate();
        SqlDialect dialect = settings.Provider == PersistenceProvider.Sqlite
            ? new SqliteDialect(settings.SqlitePath, settings.SqliteBusyTimeout)
            : new PostgreSqlDialect(settings.PostgreSqlConnectionString!, settings.PostgreSqlSchema, settings.PostgreSqlMaxPoolSize);
        try
        {
            return await SqlPersistenceStore.OpenAsync(dialect, serializer, settings, cancellationToken).ConfigureAwait(false);
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
}
