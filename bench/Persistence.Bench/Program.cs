using System.Globalization;
using ProcessManager.Kernel;
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
    Report(name, $"store write, {Writers} concurrent writers x {eventsEach} events, each awaited", "events/s",
        await RepeatAsync(async run => await StoreScenarios.WriteThroughputAsync(store, Writers, eventsEach, $"store{run}")));

    var system = ActorSystem.Create("bench");
    system.UsePersistence(store);
    try
    {
        ActorScenarios.WriteThroughput(system, Writers, 10, "actor-warmup");
        Report(name, $"persistent actors, {Writers} actors x {eventsEach} events, Persist per command", "events/s",
            await RepeatAsync(run => Task.FromResult(ActorScenarios.WriteThroughput(system, Writers, eventsEach, $"actor{run}"))));

        await StoreScenarios.SeedAsync(store, "recover", RecoveryIds, RecoveryEvents, SnapshotAt);
        Report(name, $"store-level recovery of {RecoveryIds} ids ({RecoveryEvents} events, snapshot at {SnapshotAt}, 16 parallel)", "ms",
            await RepeatAsync(async _ => (await StoreScenarios.RecoverAllAsync(store, "recover", RecoveryIds, parallelism: 16)).TotalMilliseconds));
        Report(name, $"persistent-actor recovery of {RecoveryIds} actors ({RecoveryEvents} events, snapshot at {SnapshotAt})", "ms",
            await RepeatAsync(_ => Task.FromResult(ActorScenarios.RecoverAll(system, "recover", RecoveryIds).TotalMilliseconds)));
    }
    finally
    {
        await system.Terminate();
    }
}

async Task<List<double>> RepeatAsync(Func<int, Task<double>> measure)
{
    var values = new List<double>();
    for (var run = 0; run < runs; run++)
    {
        values.Add(await measure(run));
    }

    return values;
}

static void Report(string store, string what, string unit, List<double> values) =>
    Console.WriteLine(FormattableString.Invariant(
        $"{store}: {what}: median {Median(values):N0} {unit} (runs: {string.Join(", ", values.Select(v => v.ToString("N0", CultureInfo.InvariantCulture)))})"));

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
