using System.Runtime.Versioning;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProcessManager.Host.Hosting;
using ProcessManager.Samples.Embedding;

[assembly: SupportedOSPlatform("linux")]

// An existing Akka.Hosting application with an actor of its own. WithProcessManager adds the process supervisor,
// its journal, the /v1 API and the application's palette into this same actor system.
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton<ProcessManagerReadiness>();
builder.Services.AddAkka("orders", (akka, services) => akka
    .WithActors((system, registry) => registry.Register<OrderBookKey>(system.ActorOf(OrderBook.Props(), "order-book")))
    .WithProcessManager(services, pm => pm.AddPalette(OrdersPalette.Create())));

using var host = builder.Build();
await host.StartAsync();
var ready = await host.Services.GetRequiredService<ProcessManagerReadiness>().Ready;
Console.WriteLine($"ready {Environment.ProcessId} {ready.SocketPath}");
Console.WriteLine($"try: pbm --host unix:{ready.SocketPath} orders status");
await host.WaitForShutdownAsync();
