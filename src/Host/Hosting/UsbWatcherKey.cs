namespace ProcessManager.Host.Hosting;

/// <summary>
/// The ActorRegistry key of the USB watcher (/user/usb): resolve it with <c>ActorRegistry.TryGet&lt;UsbWatcherKey&gt;()</c>;
/// it is not registered when pbm.usb.enabled = false.
/// </summary>
public sealed class UsbWatcherKey;
