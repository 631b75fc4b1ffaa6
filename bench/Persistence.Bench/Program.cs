using System.Globalization;
using Npgsql;
using ProcessManager.Persistence.Bench;
using ProcessManager.Persistence.Configuration;

// Usage: ProcessManager.Persistence.Bench [--quick] [--postgres CONNECTION-STRING] [--plugin group-commit|akka-persistence-sql]
//        [--max-concurrent-recoveries N]
// PostgreSQL runs when --postgres is given or PBM_TEST_POSTGRES is set. Durability is on:
// SQLite synchronous=FULL (WAL), PostgreSQL synchronous_commit=on (server default).
var quick = args.Contains("--quick");
var postgres = ArgAfter("--postgres") ?? Environment.GetEnvironmentVariable("PBM_TEST_POSTGRES");
var onlyPlugin = ArgAfter("--plugin");
var maxRecoveries = int.TryParse(ArgAfter("--max-concurrent-recoveries"), CultureInfo.InvariantCulture, out var m) ? m : new PbmPersistenceSettings().MaxConcurrentRecoveries;
var runs = quick ? 3 : 5;
const int Writers = 100;
var eventsEach = quick ? 50 : 200;
const int RecoveryIds = 1000;
const int RecoveryEvents = 20;
const int SnapshotAt = 15;

Console.WriteLine($"Persistence bench: {(quick ? "quick" : "full")}, {runs} runs per figure, medians; {Environment.ProcessorCount} cores; load average {LoadAverage()}; max-concurrent-recoveries {maxRecoveries}");
var plugins = new[] { PersistencePluginKind.GroupCommit, PersistencePluginKind.AkkaPersistenceSql }
    .Where(p => onlyPlugin is null || Name(p) == onlyPlugin)
    .ToList();
foreach (var plugin in plugins)
{
    var directory = Directory.CreateTempSubdirectory("pbm-bench-");
    try
    {
        await RunAsync(plugin, "SQLite", new PbmPersistenceSettings { Plugin = plugin, MaxConcurrentRecoveries = maxRecoveries, SqlitePath = Path.Combine(directory.FullName, "pbm.db") });
    }
    finally
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        directory.Delete(recursive: true);
    }

    if (string.IsNullOrWhiteSpace(postgres))
    {
        Console.WriteLine($"{Name(plugin)} PostgreSQL: skipped (no --postgres and no PBM_TEST_POSTGRES)");
        continue;
    }

    var schema = $"pbm_bench_{Guid.NewGuid():N}";
    await ExecuteAsync(postgres, $"CREATE SCHEMA \"{schema}\"");
    try
    {
        await RunAsync(plugin, "PostgreSQL", new PbmPersistenceSettings
        {
            Plugin = plugin,
            MaxConcurrentRecoveries = maxRecoveries,
            Provider = PersistenceProvider.PostgreSql,
            PostgreSqlConnectionString = postgres,
            PostgreSqlSchema = schema,
        });
    }
    finally
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(postgres, $"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
    }
}

Console.WriteLine($"load average at the end: {LoadAverage()}");
return;

async Task RunAsync(PersistencePluginKind plugin, string database, PbmPersistenceSettings settings)
{
    var label = $"{Name(plugin)} {database}";
    // A whole run first, not counted: the figures are of tiered-up code, as a daemon runs after its first minutes.
    await Scenarios.WriteAsync(settings, "warmup", Writers, eventsEach);
    var writes = new List<(double EventsPerSecond, double CpuMsPerEvent)>();
    for (var run = 0; run < runs; run++)
    {
        writes.Add(await Scenarios.WriteAsync(settings, $"run{run}", Writers, eventsEach));
    }

    Report(label, $"write: {Writers} actors x {eventsEach} events, Persist per command", "events/s", writes.Select(w => w.EventsPerSecond).ToList(), "N0");
    Report(label, "write: CPU per event", "ms", writes.Select(w => w.CpuMsPerEvent).ToList(), "N3");

    await Scenarios.SeedAsync(settings, "snap", RecoveryIds, RecoveryEvents, SnapshotAt);
    await Scenarios.SeedAsync(settings, "plain", RecoveryIds, RecoveryEvents, 0);
    foreach (var (prefix, what) in new[] { ("snap", $"snapshot at {SnapshotAt} + {RecoveryEvents - SnapshotAt} events"), ("plain", $"{RecoveryEvents} events, no snapshot") })
    {
        var times = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            times.Add((await Scenarios.RecoverAsync(settings, prefix, RecoveryIds, RecoveryEvents)).TotalMilliseconds);
        }

        Report(label, $"recovery of {RecoveryIds} actors ({what})", "ms", times, "N0");
    }
}

string? ArgAfter(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static string Name(PersistencePluginKind plugin) => plugin == PersistencePluginKind.GroupCommit ? "group-commit" : "akka-persistence-sql";

static void Report(string label, string what, string unit, List<double> values, string format) =>
    Console.WriteLine(FormattableString.Invariant(
        $"{label}: {what}: median {Median(values).ToString(format, CultureInfo.InvariantCulture)} {unit} (runs: {string.Join(", ", values.Select(v => v.ToString(format, CultureInfo.InvariantCulture)))})"));

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static async Task ExecuteAsync(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}
