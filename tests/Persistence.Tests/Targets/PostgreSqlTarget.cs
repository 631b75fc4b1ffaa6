using Npgsql;
using ProcessManager.Persistence.Configuration;

namespace ProcessManager.Persistence.Tests.Targets;

/// <summary>
/// A uniquely named schema in the server named by <c>PBM_TEST_POSTGRES</c>, created up front (Akka.Persistence.Sql
/// does not create schemas) and dropped afterwards. Without that variable the tests skip, except under
/// CI=true where they fail: CI must test PostgreSQL.
/// </summary>
public sealed class PostgreSqlTarget : PluginTarget
{
    public const string ConnectionStringVariable = "PBM_TEST_POSTGRES";

    private readonly string _connectionString;
    private readonly string _schema;

    private PostgreSqlTarget(string connectionString, string schema, PersistencePluginKind plugin)
        : base(new PbmPersistenceSettings
        {
            Plugin = plugin,
            Provider = PersistenceProvider.PostgreSql,
            // Tagged so that a test can find (and drop) exactly this target's server connections.
            PostgreSqlConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = schema }.ConnectionString,
            PostgreSqlSchema = schema,
        })
    {
        _connectionString = connectionString;
        _schema = schema;
    }

    /// <summary>The target, or a skip (a failure under CI) when no server is configured.</summary>
    public static PostgreSqlTarget CreateOrSkip(PersistencePluginKind plugin)
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

        var schema = $"pbm_test_{Guid.NewGuid():N}";
        Execute(connectionString, $"CREATE SCHEMA \"{schema}\"");
        return new PostgreSqlTarget(connectionString, schema, plugin);
    }

    public override async Task<object?> ScalarAsync(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(_connectionString) { SearchPath = _schema, Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Makes the server drop every connection the plugin has open (as a server restart would).</summary>
    public async Task<int> DropPluginConnectionsAsync()
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @name", connection);
        command.Parameters.AddWithValue("name", _schema);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    protected override void Dispose(bool disposing)
    {
        NpgsqlConnection.ClearAllPools();
        Execute(_connectionString, $"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE");
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
