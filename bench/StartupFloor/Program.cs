using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// startup-floor MODE SOCKET: MODE is kestrel (an empty web app answering GET / on the Unix socket SOCKET), akka (a
// generic host with Akka.Hosting and one actor, then the same web app) or runtime (the web app's socket answered by
// hand, no ASP.NET Core). The bench times exec until the first answer from outside.
var mode = args.Length > 0 ? args[0] : "kestrel";
var socket = args.Length > 1 ? args[1] : "/tmp/startup-floor.sock";
File.Delete(socket);

if (mode == "runtime")
{
    await HandWrittenServer.ServeAsync(socket);
    return;
}

IHost? akkaHost = null;
IActorRef? echo = null;
if (mode == "akka")
{
    var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
    builder.Services.AddAkka("floor", akka => akka.WithActors((system, registry) => registry.Register<Echo>(system.ActorOf(Props.Create<Echo>(), "echo"))));
    akkaHost = builder.Build();
    await akkaHost.StartAsync();
    echo = akkaHost.Services.GetRequiredService<IRequiredActor<Echo>>().ActorRef;
}

var web = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
web.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(socket));
web.Services.AddRoutingCore();
var app = web.Build();
app.UseRouting();
app.MapGet("/", async () => echo is null ? "ok" : await echo.Ask<string>("ok", TimeSpan.FromSeconds(5)));
await app.StartAsync();
await app.WaitForShutdownAsync();
if (akkaHost is not null)
{
    await akkaHost.StopAsync();
}

internal sealed class Echo : ReceiveActor
{
    public Echo() => Receive<string>(text => Sender.Tell(text));
}
