using System.Globalization;
using Akka.Actor;
using ProcessManager.Actors.Plugins;
using ProcessManager.Actors.Plugins.Host;
using ProcessManager.Actors.Plugins.Messages;
using ProcessManager.Actors.Tests.Processes;
using Xunit;

namespace ProcessManager.Actors.Tests.Plugins;

/// <summary>
/// An actor system per test with a plugin folder in a temp PBM_HOME; helpers that install the C# sample plugin or
/// the Python test plugin there with a manifest. The workers are real processes; the actor system's shutdown kills
/// each one's process group (PluginWorker.PostStop), and the assembly's reaper catches anything left.
/// </summary>
public abstract class PluginTestBase : Akka.TestKit.Xunit.TestKit
{
    private static readonly double TimeFactor =
        double.TryParse(Environment.GetEnvironmentVariable("PBM_TEST_TIME_FACTOR"), NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) && factor > 0 ? factor : 1;

    protected PluginTestBase()
        : base("akka.loglevel = WARNING", "pbm-plugin-test")
    {
        Home = new TempDirectory();
        PluginsDirectory = Home.File("plugins");
        Directory.CreateDirectory(PluginsDirectory);
    }

    /// <summary>Generous upper bound for anything a test waits for.</summary>
    protected static TimeSpan Patience => TimeSpan.FromSeconds(30 * TimeFactor);

    protected static string PythonWorker { get; } = Path.Combine(AppContext.BaseDirectory, "Plugins", "PythonPlugin", "worker.py");

    protected TempDirectory Home { get; }

    protected string PluginsDirectory { get; }

    protected PluginHostSettings Settings => new()
    {
        Directories = [PluginsDirectory],
        LogDirectory = Home.File("logs"),
        WatchDebounce = TimeSpan.FromMilliseconds(100),
        RestartBackoffMin = TimeSpan.FromMilliseconds(20),
        RestartBackoffMax = TimeSpan.FromMilliseconds(200),
        StartTimeout = Patience,
        StopTimeout = TimeSpan.FromSeconds(2),
    };

    protected IActorRef StartHost(PluginHostSettings? settings = null, IActorRef? history = null) =>
        Sys.ActorOf(PluginHost.Props(settings ?? Settings, history), "plugins");

    /// <summary>Writes plugins/NAME/plugin.conf running worker.py (copied into the folder) with python3.</summary>
    protected string InstallPython(string name, string extra = "")
    {
        var folder = Path.Combine(PluginsDirectory, name);
        Directory.CreateDirectory(folder);
        File.Copy(PythonWorker, Path.Combine(folder, "worker.py"), overwrite: true);
        WriteManifest(folder, name, "[\"python3\", \"worker.py\"]", extra);
        return folder;
    }

    /// <summary>Copies the C# sample (EchoPlugin, built next to the tests) into plugins/NAME with its manifest.</summary>
    protected string InstallEcho(string name, string extra = "")
    {
        var folder = Path.Combine(PluginsDirectory, name);
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(AppContext.BaseDirectory, "EchoPlugin*").Append(Path.Combine(AppContext.BaseDirectory, "ProcessManager.Plugins.Sdk.dll")))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
        }
        WriteManifest(folder, name, "[\"./EchoPlugin\"]", extra);
        return folder;
    }

    protected static void WriteManifest(string folder, string name, string command, string extra) =>
        File.WriteAllText(Path.Combine(folder, "plugin.conf"), $"""
            name = {name}
            version = "1.0"
            protocol = 1
            command = {command}
            {extra}
            """);

    /// <summary>Waits until the host has <paramref name="name"/> loaded (the first scan runs on the thread pool).</summary>
    protected PluginStatus AwaitPlugin(IActorRef host, string name, Func<PluginStatus, bool>? condition = null)
    {
        PluginStatus? status = null;
        AwaitAssert(
            () =>
            {
                status = host.Ask<object>(new DescribePlugin(name), Patience).Result as PluginStatus;
                Assert.NotNull(status);
                Assert.True(condition?.Invoke(status) ?? true, $"{name}: {status}");
            },
            Patience,
            TimeSpan.FromMilliseconds(50));
        return status!;
    }

    protected T Invoke<T>(IActorRef host, string name, string method, string paramsJson = "null")
    {
        host.Tell(new InvokePlugin(name, method, paramsJson), TestActor);
        return Expect<T>();
    }

    protected T Expect<T>() => ExpectMsg<T>(Patience, cancellationToken: TestContext.Current.CancellationToken);

    protected void WaitUntil(Func<bool> condition) =>
        AwaitCondition(condition, Patience, TimeSpan.FromMilliseconds(20), cancellationToken: TestContext.Current.CancellationToken);

    protected static bool IsAlive(int pid)
    {
        try
        {
            return pid > 0 && !File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].TrimStart().StartsWith('Z');
        }
        catch (IOException)
        {
            // Gone (or reaped between two looks): /proc/PID no longer exists.
            return false;
        }
    }

    protected static int PidOf(PluginInvoked invoked) =>
        System.Text.Json.JsonDocument.Parse(invoked.ResultJson).RootElement.GetProperty("pid").GetInt32();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Home.Dispose();
        }
    }
}
