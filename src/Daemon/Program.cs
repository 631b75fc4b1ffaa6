using System.Runtime.Versioning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProcessManager.Daemon;
using ProcessManager.Host.Hosting;

[assembly: SupportedOSPlatform("linux")]

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

if (arguments.Background)
{
    DaemonProcess.DetachSession();
}

var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
builder.Logging.AddSimpleConsole(console =>
{
    console.SingleLine = true;
    console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
    console.UseUtcTimestamp = true;
});
builder.Logging.SetMinimumLevel(LogLevel.Information);
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
builder.Services.AddProcessManager(pm =>
{
    pm.Options.PbmHome = arguments.Home;
    pm.Options.ConfigFile = arguments.ConfigFile;
});

using var host = builder.Build();
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
    DaemonProcess.RedirectStandardStreams(arguments.LogFile ?? Path.Combine(ready.PbmHome, "logs", "pbmd.log"));
}

await host.WaitForShutdownAsync();
return 0;
