using System.Runtime.CompilerServices;
using System.Runtime.Versioning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProcessManager.Daemon;
using ProcessManager.Hocon;
using ProcessManager.Host.Hosting;
using ProcessManager.Host.Hosting.DaemonLog;

[assembly: SupportedOSPlatform("linux")]

StartupTimeline.Mark(StartupStage.Main);

// First, before threads start allocating: see MallocArenas for why.
MallocArenas.Limit(MallocArenas.DaemonDefault);
NoAppConfig.Install();

var (arguments, error) = DaemonArguments.Parse(args);
if (arguments is null)
{
    if (!string.IsNullOrEmpty(error))
    {
        await Console.Error.WriteLineAsync("pbmd: " + error);
    }

    await Console.Error.WriteLineAsync(DaemonArguments.Usage);
    return string.IsNullOrEmpty(error) ? 0 : 2;
}

// The daemon works in its home whatever directory it was launched from: it does not hold that directory, and nothing
// it runs resolves a path against it by accident.
var daemonHome = arguments.Home ?? PbmHome.Resolve();
PbmHome.Ensure(daemonHome);
Directory.SetCurrentDirectory(daemonHome);

// A background daemon logs into a file rotated by size (pbm.daemon-log); stdout and stderr follow it once ready.
var redirected = new StrongBox<bool>();
var loaded = LoadConfiguration(arguments);
using var fileLog = arguments.Background ? BackgroundLog(arguments, loaded, redirected) : null;
var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
if (fileLog is not null)
{
    builder.Logging.AddProvider(fileLog);
}
else
{
    builder.Logging.AddSimpleConsole(console =>
    {
        console.SingleLine = true;
        console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        console.UseUtcTimestamp = true;
    });
}

builder.Logging.SetMinimumLevel(LogLevel.Information);
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
builder.Services.AddProcessManager(pm =>
{
    pm.Options.PbmHome = arguments.Home;
    pm.Options.ConfigFile = arguments.ConfigFile;
    if (loaded is { } configuration)
    {
        // Read once: the service takes the configuration the log settings came from instead of parsing it again.
        pm.Options.Configuration = configuration.Config;
        pm.Options.ConfigurationWarnings = configuration.Warnings;
    }
});

using var host = builder.Build();
StartupTimeline.Mark(StartupStage.HostBuilt);
ReadyInfo ready;
try
{
    await host.StartAsync();
    ready = await host.Services.GetRequiredService<ProcessManagerReadiness>().Ready;
}
catch (DaemonAlreadyRunningException ex)
{
    await Console.Error.WriteLineAsync("pbmd: " + ex.Message);
    return 3;
}
catch (Exception ex) when (ex is not OutOfMemoryException)
{
    await Console.Error.WriteLineAsync("pbmd: cannot start: " + ex.Message);
    return 1;
}

if (arguments.Background)
{
    // pbm waits for this line: readiness by notification, not by polling the socket.
    await Console.Out.WriteLineAsync($"ready {Environment.ProcessId} {ready.SocketPath}");
    await Console.Out.FlushAsync();
    DaemonProcess.RedirectStandardStreams(LogFile(arguments));
    Volatile.Write(ref redirected.Value, true);
}

StartupTimeline.Log(host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ProcessManager"));

await host.WaitForShutdownAsync();
return 0;

static string LogFile(DaemonArguments arguments) =>
    arguments.LogFile ?? Path.Combine(arguments.Home ?? PbmHome.Resolve(), "logs", "pbmd.log");

// The configuration, or null when it is broken: the service loads it again and reports the error.
static (Config Config, IReadOnlyList<string> Warnings)? LoadConfiguration(DaemonArguments arguments)
{
    try
    {
        return DaemonConfiguration.Load(arguments.Home ?? PbmHome.Resolve(), arguments.ConfigFile);
    }
    catch (ConfigurationException)
    {
        return null;
    }
}

static RotatingFileLoggerProvider BackgroundLog(DaemonArguments arguments, (Config Config, IReadOnlyList<string> Warnings)? loaded, StrongBox<bool> redirected)
{
    DaemonProcess.DetachSession();
    var home = arguments.Home ?? PbmHome.Resolve();
    PbmHome.Ensure(home);

    DaemonLogSettings settings;
    try
    {
        settings = loaded is { } configuration ? DaemonLogSettings.Read(configuration.Config) : new DaemonLogSettings();
    }
    catch (ConfigurationException)
    {
        // The service reports the error; until then the defaults bound the log.
        settings = new DaemonLogSettings();
    }

    return new RotatingFileLoggerProvider(LogFile(arguments), settings, handle =>
    {
        // Before the redirection stdout is pbm's pipe, waiting for the ready line.
        if (Volatile.Read(ref redirected.Value))
        {
            DaemonProcess.PointStandardStreamsAt(handle);
        }
    });
}
