// Parse+resolve throughput of ProcessManager.Hocon on a real 41 KB config, against Lightbend's reference
// parser on the same file in the same run (a warm JVM loop in the oracle's --bench mode).
//
//   dotnet run -c Release --project bench/Hocon.Bench -- [--runs N] [FILE]
//
// FILE defaults to shared/hocon-conformance/akka-hocon/src/Hocon.Extensions.Configuration.Tests/reference.conf.
using System.Diagnostics;
using System.Globalization;
using ProcessManager.Hocon;

var runs = 2000;
string? file = null;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--runs" && i + 1 < args.Length)
    {
        runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
    }
    else
    {
        file = args[i];
    }
}

file ??= FindDefaultFile();
var bytes = new FileInfo(file).Length;
var options = new HoconParseOptions { ResolveOptions = HoconResolveOptions.NoEnvironment };

for (var i = 0; i < Math.Max(200, runs / 2); i++)
{
    ConfigurationFactory.ParseFile(file, options);
}

var times = new double[runs];
var allocations = new long[runs];
for (var i = 0; i < runs; i++)
{
    var allocated = GC.GetAllocatedBytesForCurrentThread();
    var start = Stopwatch.GetTimestamp();
    ConfigurationFactory.ParseFile(file, options);
    times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    allocations[i] = GC.GetAllocatedBytesForCurrentThread() - allocated;
}

Array.Sort(times);
Array.Sort(allocations);
var ourMedianMs = times[runs / 2];
Console.WriteLine($"file: {file} ({bytes / 1024.0:F1} KiB), {runs} timed runs after warm-up");
Console.WriteLine($"ProcessManager.Hocon  median {ourMedianMs:F3} ms  {bytes / (ourMedianMs / 1000) / 1e6:F1} MB/s  p10 {times[runs / 10]:F3} ms  p90 {times[runs * 9 / 10]:F3} ms  allocated/parse {allocations[runs / 2] / 1024.0:F0} KiB");

var javaMedianMs = JavaMedianMs(file, runs);
if (javaMedianMs is { } java)
{
    Console.WriteLine($"typesafe-config 1.3.1 median {java:F3} ms  {bytes / (java / 1000) / 1e6:F1} MB/s  (warm JVM, same file)");
    Console.WriteLine($"ratio: ours is {java / ourMedianMs:F2}x the reference's speed");
}

static double? JavaMedianMs(string file, int runs)
{
    const string Jar = "/usr/share/java/typesafe-config.jar";
    var script = Path.Combine(AppContext.BaseDirectory, "Oracle", "HoconOracle.java");
    if (!File.Exists(Jar))
    {
        Console.WriteLine($"reference implementation not measured: {Jar} missing (run .ci/install-hocon-oracle.sh)");
        return null;
    }

    var start = new ProcessStartInfo("java") { RedirectStandardOutput = true, UseShellExecute = false };
    foreach (var arg in new[] { "-cp", Jar, script, "--bench", runs.ToString(CultureInfo.InvariantCulture), file })
    {
        start.ArgumentList.Add(arg);
    }

    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    return long.TryParse(output.Trim(), CultureInfo.InvariantCulture, out var ns) ? ns / 1e6 : null;
}

static string FindDefaultFile()
{
    const string Relative = "shared/hocon-conformance/akka-hocon/src/Hocon.Extensions.Configuration.Tests/reference.conf";
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, Relative);
        if (File.Exists(candidate))
        {
            return candidate;
        }
    }

    throw new FileNotFoundException($"{Relative} not found above {AppContext.BaseDirectory}; pass FILE");
}
