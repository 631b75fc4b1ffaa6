using System.Globalization;
using ProcessManager.Persistence;
using ProcessManager.Persistence.Bench;

// Usage: ProcessManager.Persistence.Bench [--quick] [--postgres CONNECTION-STRING]
// PostgreSQL runs when --postgres is given or PBM_TEST_POSTGRES is set. Durability is on:
// SQLite synchronous=FULL (WAL), PostgreSQL synchronous_commit=on (server default).
var quick = args.Contains("--quick");
var postgresIndex = Array.IndexOf(args, "--postgres");
var postgres = postgresIndex >= 0 && postgresIndex + 1 < args.Length
    ? args[postgresIndex + 1]
    : Environment.GetEnvironmentVariable("PBM_TEST_POSTGRES");

var runs = quick ? 3 : 5;
const int Writers = 100;
var eventsEach = quick ? 100 : 300;
const int RecoveryIds = 1000;
const int RecoveryEvents = 20;
const int SnapshotAt = 15;

Console.WriteLine($"Persistence bench: {(quick ? "quick" : "full")}, {runs} runs per figure, medians; {Environment.ProcessorCount} cores");
var directory = Directory.CreateTempSubdirectory("pbm-bench-");
try
{
    await RunAsync("SQLite", new PersistenceSettings { SqlitePath = Path.Combine(directory.FullName, "pbm.db") });
    if (!string.IsNullOrWhiteSpace(postgres))
    {
        var schema = $"pbm_bench_{Guid.NewGuid():N}";
        await RunAsync("PostgreSQL", new PersistenceSettings
        {
            Provider = PersistenceProvider.PostgreSql,
            PostgreSqlConnectionString = postgres,
            PostgreSqlSchema = schema,
        });
        await DropSchemaAsync(postgres, schema);
    }
    else
    {
        Console.WriteLine("PostgreSQL: skipped (no --postgres and no PBM_TEST_POSTGRES)");
    }
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    directory.Delete(recursive: true);
}

async Task RunAsync(string name, PersistenceSettings settings)
{
    await using var store = await PersistenceStore.OpenAsync(settings, BenchSerializer.Create());
    await StoreScenarios.WriteThroughputAsync(store, Writers, 10, "warmup");
    var rates = new List<double>();
    for (var run = 0; run < runs; run++)
    {
        rates.Add(await StoreScenarios.WriteThroughputAsync(store, Writers, eventsEach, $"run{run}"));
    }

    Console.WriteLine(FormattableString.Invariant(
        $"{name}: write, {Writers} concurrent writers x {eventsEach} events, each awaited: median {Median(rates):N0} events/s (runs: {string.Join(", ", rates.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))})"));

    await StoreScenarios.SeedAsync(store, "recover", RecoveryIds, RecoveryEvents, SnapshotAt);
    var times = new List<double>();
    for (var run = 0; run < runs; run++)
    {
        times.Add((await StoreScenarios.RecoverAllAsync(store, "recover", RecoveryIds, parallelism: 16)).TotalMilliseconds);
    }

    Console.WriteLine(FormattableString.Invariant(
        $"{name}: recovery of {RecoveryIds} ids ({RecoveryEvents} events, snapshot at {SnapshotAt}): median {Median(times):N0} ms (runs: {string.Join(", ", times.Select(t => t.ToString("N0", CultureInfo.InvariantCulture)))})"));
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static async Task DropSchemaAsync(string connectionString, string schema)
{
    await using var connection = new Npgsql.NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new Npgsql.NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
    await command.ExecuteNonQueryAsync();
}
