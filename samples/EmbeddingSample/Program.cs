using System.Runtime.Versioning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProcessManager.Host.Hosting;
using ProcessManager.Samples.Embedding;

[assembly: SupportedOSPlatform("linux")]

// An existing .NET application: its own services, plus the whole process manager with one call.
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton<OrderQueue>();
builder.Services.AddProcessManager(pm => pm.AddPalette(OrdersPalette.Create()));

using var host = builder.Build();
await host.StartAsync();
var ready = await host.Services.GetRequiredService<ProcessManagerReadiness>().Ready;
Console.WriteLine($"ready {Environment.ProcessId} {ready.SocketPath}");
Console.WriteLine($"try: pbm --host unix:{ready.SocketPath} orders status");
await host.WaitForShutdownAsync();
