using Microsoft.Data.Sqlite;
using ProcessManager.Persistence.Serialization;

namespace ProcessManager.Persistence.Tests.Tck;

/// <summary>A SQLite file in a temp directory, deleted afterwards.</summary>
public sealed class SqliteStoreFixture : IStoreFixture
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pbm-persistence-").FullName;

    public SqliteStoreFixture()
    {
        Settings = new PersistenceSettings { Provider = PersistenceProvider.Sqlite, SqlitePath = Path.Combine(_directory, "pbm.db") };
    }

    public PersistenceSettings Settings { get; }

    public Task<IPersistenceStore> OpenAsync(EventSerializer serializer, PersistenceSettings? settings = null) =>
        PersistenceStore.OpenAsync(settings ?? Settings, serializer);

    public async Task<int> ExecuteRawAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={Settings.SqlitePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
