using System.Globalization;
using ProcessManager.Actors.Os;
using ProcessManager.Actors.Os.Logs;

namespace ProcessManager.Actors.Tests.Os;

/// <summary>
/// A temp directory plus every process a test starts; disposing SIGKILLs each process group still
/// alive (even when the test failed) and deletes the directory.
/// </summary>
internal sealed class OsTestScope : IAsyncDisposable
{
    private readonly List<ChildProcess> _children = [];
    private readonly List<ProcessLog> _logs = [];

    public OsTestScope()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("pbm-os-test-").FullName;
    }

    /// <summary>PBM_TEST_TIME_FACTOR (default 1) scales every timeout for slow machines.</summary>
    public static double TimeFactor { get; } =
        double.TryParse(Environment.GetEnvironmentVariable("PBM_TEST_TIME_FACTOR"), NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f > 0 ? f : 1;

    /// <summary>Generous upper bound for anything a test waits for.</summary>
    public static TimeSpan Patience => TimeSpan.FromSeconds(30 * TimeFactor);

    public static string TestProgram { get; } = Path.Combine(AppContext.BaseDirectory, "ProcessManager.TestProgram");

    public string Directory { get; }

    public ProcessLog NewLog(LogSettings? settings = null, string name = "app", int index = 0)
    {
        var log = new ProcessLog(Directory, name, index, settings);
        _logs.Add(log);
        return log;
    }

    public ChildProcess Track(ChildProcess child)
    {
        lock (_children)
        {
            _children.Add(child);
        }
        return child;
    }

    public async Task<ChildProcess> StartAsync(ProcessLog? log, params string[] argv) =>
        Track(await ProcessSpawner.SpawnAsync(new SpawnRequest(argv), log));

    public Task<ChildProcess> StartTestProgramAsync(ProcessLog? log, params string[] args) =>
        StartAsync(log, [TestProgram, .. args]);

    public async ValueTask DisposeAsync()
    {
        ChildProcess[] children;
        lock (_children)
        {
            children = [.. _children];
        }
        foreach (var child in children)
        {
            child.SignalGroup(Signals.SIGKILL);
        }
        foreach (var child in children)
        {
            await child.Exited.WaitAsync(Patience);
        }
        foreach (var log in _logs)
        {
            await log.DisposeAsync();
        }
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open must not fail the test; the temp dir is left behind.
        }
    }
}
