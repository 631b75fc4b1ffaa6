using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Host.Api;
using ProcessManager.Host.Hosting;

namespace ProcessManager.Host.Tests;

/// <summary>
/// WithProcessManager in an Akka.Hosting application (Akka.Hosting.TestKit builds exactly that system): the
/// supervisor is in the application's ActorRegistry, beside the application's own actor, and the API opens.
/// </summary>
public sealed class HostingSpecTests : Akka.Hosting.TestKit.TestKit, IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("pbm-hosting-spec-").FullName;
    protected override void ConfigureServices(Microsoft.Extensions.Hosting.HostBuilderContext context, IServiceCollection services) =>
        services.AddSingleton<ProcessManagerReadiness>();

    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider) => builder
        .WithActors((system, registry) => registry.Register<EchoKey>(system.ActorOf(Props.Create(() => new Echo()), "echo")))
        .WithProcessManager(provider, pm =>
        {
            pm.Options.PbmHome = _home;
            pm.Options.Api = new ApiSettings();
        });

    [Fact]
    public async Task The_supervisor_is_registered_beside_the_applications_own_actor_and_answers()
    {
        var supervisor = await ActorRegistry.GetAsync<ProcessSupervisorKey>(TestContext.Current.CancellationToken);
        var echo = await ActorRegistry.GetAsync<EchoKey>(TestContext.Current.CancellationToken);

        var list = await supervisor.Ask<ProcessList>(ListProcesses.Instance, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Empty(list.Processes);
        Assert.Equal("/user/processes", supervisor.Path.ToStringWithoutAddress());
        Assert.Equal("hello", await echo.Ask<string>("hello", TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        Assert.Same(Sys, Host.Services.GetRequiredService<ActorSystem>());
        var ready = await Host.Services.GetRequiredService<ProcessManagerReadiness>().Ready.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.True(File.Exists(ready.SocketPath));
    }

    void IDisposable.Dispose()
    {
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // Harmless leftover in the temp folder.
        }
    }

    private sealed class EchoKey;

    private sealed class Echo : ReceiveActor
    {
        public Echo() => Receive<string>(text => Sender.Tell(text));
    }
}
