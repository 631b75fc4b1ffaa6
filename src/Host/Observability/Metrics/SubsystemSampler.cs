using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using ProcessManager.Actors.Plugins.Messages;
using ProcessManager.Actors.Usb.Protocol;
using ProcessManager.Host.Hosting;

namespace ProcessManager.Host.Observability.Metrics;

/// <summary>
/// Asks the USB watcher and the plugin host for their counters once per sample, when they run: the instruments read
/// the latest answers, so a scrape never waits for an actor. A subsystem that is off (not registered) is skipped.
/// </summary>
internal sealed class SubsystemSampler(IServiceProvider services)
{
    private volatile UsbWatcherStatus? _usb;
    private volatile PluginList? _plugins;

    /// <summary>The USB watcher's counters at the latest sample; null when it is off or never answered.</summary>
    public UsbWatcherStatus? Usb => _usb;

    /// <summary>Every plugin's pool and counters at the latest sample; null when plugins are off or never answered.</summary>
    public PluginList? Plugins => _plugins;

    public async Task SampleAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (services.GetService<ActorRegistry>() is not { } registry)
        {
            return;
        }

        if (registry.TryGet<UsbWatcherKey>(out var watcher))
        {
            _usb = await AskOrKeepAsync(watcher, GetUsbWatcherStatus.Instance, _usb, timeout, cancellationToken).ConfigureAwait(false);
        }

        if (registry.TryGet<PluginHostKey>(out var host))
        {
            _plugins = await AskOrKeepAsync(host, ListPlugins.Instance, _plugins, timeout, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A subsystem that does not answer in time keeps its previous numbers; it does not hold up the other.</summary>
    private static async Task<T?> AskOrKeepAsync<T>(IActorRef actor, object query, T? previous, TimeSpan timeout, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await actor.Ask<T>(query, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            return previous;
        }
    }
}
