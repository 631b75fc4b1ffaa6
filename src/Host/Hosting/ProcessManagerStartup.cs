using Microsoft.Extensions.Hosting;

namespace ProcessManager.Host.Hosting;

/// <summary>
/// Runs before Akka.Hosting's service: takes the PBM_HOME lock and reads the configuration, so that a second daemon
/// or a bad file stops the start before any actor exists. Releases the lock when the host stops (after Akka's service).
/// </summary>
internal sealed class ProcessManagerStartup(ProcessManagerRuntime runtime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        runtime.Prepare();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        runtime.ReleaseLock();
        return Task.CompletedTask;
    }
}
