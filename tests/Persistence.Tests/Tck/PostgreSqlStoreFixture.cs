using Npgsql;
using ProcessManager.Persistence.Serialization;

namespace ProcessManager.Persistence.Tests.Tck;

/// <summary>
/// A uniquely named schema in the server named by <c>PBM_TEST_POSTGRES</c>, dropped afterwards.
/// Without that variable the tests skip, except under CI=true where they fail: CI must test PostgreSQL.
/// </summary>
public sealed class PostgreSqlStoreFixture : IStoreFixture
{
    public const string ConnectionStringVariable = "PBM_TEST_POSTGRES";

    private readonly string _connectionString;
    private readonly string _schema = $"pbm_test_{Guid.NewGuid():N}";

    private PostgreSqlStoreFixture(string connectionString)
    {
        _connectionString = connectionString;
        Settings = new PersistenceSettings
        {
            Provider = PersistenceProvider.PostgreSql,
            PostgreSqlConnectionString = connectionString,
            PostgreSqlSchema = _schema,
        };
    }

    public PersistenceSettings Settings { get; }

    /// <summary>The fixture, or a skip (a failure under CI) when no server is configured.</summary>
    public static PostgreSqlStoreFixture CreateOrSkip()
    {
        var connectionString = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            const string Why = $"{ConnectionStringVariable} is not set: no PostgreSQL server to test against (start one with .ci/start-postgres.sh and source its output)";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail($"CI=true but {Why}");
            }

            Assert.Skip(Why);
        }

        return new PostgreSqlStoreFixture(connectionString);
    }

    public Task<IPersistenceStore> OpenAsync(EventSerializer serializer, PersistenceSettings? settings = null) =>
        PersistenceStore.OpenAsync(settings ?? Settings, serializer);

    public async Task<int> ExecuteRawAsync(string sql, params (string Name, object Value)[] parameters)
    {
        var builder = new NpgsqlConnectionStringBuilder(_connectionString) { SearchPath = _schema, Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }
}
