using System.Diagnostics;
using System.Globalization;
using ProcessManager.Contracts.Client;

// API round trips over the Unix socket against a running daemon: sequential median, then 100 concurrent clients.
// usage: ProcessManager.Cli.Bench SOCKET [ROUNDS]
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: ProcessManager.Cli.Bench SOCKET [ROUNDS]");
    return 2;
}

var client = new PbmApiClient(PbmEndpoint.Unix(args[0]));
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;

for (var i = 0; i < 20; i++)
{
    await client.ListProcessesAsync();
}

var sequential = new List<double>(rounds);
for (var i = 0; i < rounds; i++)
{
    var start = Stopwatch.GetTimestamp();
    await client.ListProcessesAsync();
    sequential.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
}

var status = new List<double>(rounds);
for (var i = 0; i < rounds; i++)
{
    var start = Stopwatch.GetTimestamp();
    await client.GetDaemonStatusAsync();
    status.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
}

const int Clients = 100;
const int PerClient = 10;
var concurrent = new List<double>(Clients * PerClient);
var wall = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
{
    var mine = new List<double>(PerClient);
    for (var i = 0; i < PerClient; i++)
    {
        var start = Stopwatch.GetTimestamp();
        await client.ListProcessesAsync();
        mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    lock (concurrent)
    {
        concurrent.AddRange(mine);
    }
}));
wall.Stop();

var processes = (await client.ListProcessesAsync()).Count;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"processes listed: {processes}"));
Report("round trip GET /v1/processes (sequential)", sequential);
Report("round trip GET /v1/daemon (sequential)", status);
Report($"GET /v1/processes with {Clients} concurrent clients", concurrent);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Clients} clients x {PerClient} requests: {wall.Elapsed.TotalMilliseconds:0} ms wall, {Clients * PerClient / wall.Elapsed.TotalSeconds:0} req/s"));
return 0;

static void Report(string what, List<double> samples)
{
    samples.Sort();
    double At(double q) => samples[Math.Clamp((int)Math.Ceiling(q * samples.Count) - 1, 0, samples.Count - 1)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: median {At(0.5):0.00} ms, p90 {At(0.9):0.00} ms, p99 {At(0.99):0.00} ms (n={samples.Count})"));
}
