using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ProcessManager.Actors.Usb.Events;
using ProcessManager.Actors.Usb.Protocol;
using ProcessManager.Host.Backend;
using ProcessManager.Host.Hosting;
using Dto = ProcessManager.Contracts.Dtos;

namespace ProcessManager.Host.Api.Endpoints;

/// <summary>
/// <c>/v1/usb</c>: the USB watcher's devices, one device, its history, its counters, and a follow stream of device
/// events (newline-delimited JSON, or a WebSocket on upgrade). 503 when the watcher is off.
/// </summary>
internal static class UsbEndpoints
{
    private const int MaxHistory = 100_000;
    private const int MaxIdLength = 64;

    private static readonly System.Buffers.SearchValues<char> IdChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.:");

    public static void Map(IEndpointRouteBuilder routes, ApiContext api)
    {
        var json = ApiHttp.Json;
        routes.MapGet("/v1/usb/devices", async context =>
        {
            var list = await AskAsync<UsbDeviceList>(api, ListUsbDevices.Instance, context.RequestAborted).ConfigureAwait(false);
            IReadOnlyList<Dto.UsbDeviceInfo> devices = [.. list.Devices.Select(UsbDtoMapper.Device)];
            await ApiHttp.WriteAsync(context, devices, json.IReadOnlyListUsbDeviceInfo).ConfigureAwait(false);
        });

        routes.MapGet("/v1/usb/devices/{id}", async context =>
        {
            var id = DeviceId(context.Request.RouteValues["id"] as string, "id");
            var reply = await AskAsync<object>(api, new DescribeUsbDevice(id), context.RequestAborted).ConfigureAwait(false);
            if (reply is not UsbDeviceDescription description)
            {
                throw new ApiException(StatusCodes.Status404NotFound, $"no USB device '{id}'", "pbm usb list shows the devices present");
            }

            var detail = new Dto.UsbDeviceDetail(UsbDtoMapper.Device(description.Device), description.BoundApps, [.. description.RecentEvents.Select(UsbDtoMapper.Event)]);
            await ApiHttp.WriteAsync(context, detail, json.UsbDeviceDetail).ConfigureAwait(false);
        });

        routes.MapGet("/v1/usb/history", async context =>
        {
            var limit = ApiHttp.QueryInt(context, "limit", 100, 1, MaxHistory);
            var device = context.Request.Query["device"].ToString() is { Length: > 0 } text ? DeviceId(text, "device") : null;
            var history = await AskAsync<UsbHistory>(api, new GetUsbHistory(limit, device), context.RequestAborted).ConfigureAwait(false);
            IReadOnlyList<Dto.UsbDeviceEventInfo> events = [.. history.Events.Select(UsbDtoMapper.Event)];
            await ApiHttp.WriteAsync(context, events, json.IReadOnlyListUsbDeviceEventInfo).ConfigureAwait(false);
        });

        routes.MapGet("/v1/usb/status", async context =>
        {
            var status = await AskAsync<UsbWatcherStatus>(api, GetUsbWatcherStatus.Instance, context.RequestAborted).ConfigureAwait(false);
            await ApiHttp.WriteAsync(context, UsbDtoMapper.Status(status), json.UsbWatcherStatusInfo).ConfigureAwait(false);
        });

        routes.MapGet("/v1/usb/follow", context =>
        {
            _ = Watcher(api); // 503 before the stream starts when the watcher is off
            return ApiStreams.StreamAsync(context, api, ct => FollowAsync(api, ct), json.UsbDeviceEventInfo);
        }).WithMetadata(StreamEndpoint.Instance);
    }

    /// <summary>A device id as the kernel names devices: letters, digits, '-', '.', ':' ("1-1.2", "usb1").</summary>
    private static string DeviceId(string? text, string field)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxIdLength
            || text.AsSpan().IndexOfAnyExcept(IdChars) >= 0)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, $"'{text}' is not a USB device id", $"{field}: the kernel's name of a device, such as 1-1.2 (pbm usb list)");
        }

        return text;
    }

    private static IActorRef Watcher(ApiContext api) =>
        api.HostServices.GetService<ActorRegistry>() is { } registry && registry.TryGet<UsbWatcherKey>(out var watcher)
            ? watcher
            : throw new ApiException(StatusCodes.Status503ServiceUnavailable, "the USB watcher is off", "set pbm.usb.enabled = on and restart the daemon");

    private static async Task<T> AskAsync<T>(ApiContext api, object query, CancellationToken cancellationToken)
    {
        var reply = await Watcher(api).Ask<object>(query, api.Settings.CommandTimeout, cancellationToken).ConfigureAwait(false);
        return reply is T typed ? typed : throw new InvalidOperationException($"the USB watcher answered {reply.GetType().Name} to {query.GetType().Name}");
    }

    private static async IAsyncEnumerable<Dto.UsbDeviceEventInfo> FollowAsync(ApiContext api, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var system = (ExtendedActorSystem)api.HostServices.GetRequiredService<ActorSystem>();

        // A follower that reads slower than devices change loses the oldest events rather than holding memory.
        var channel = Channel.CreateBounded<UsbDeviceEvent>(new BoundedChannelOptions(api.Settings.EventBuffer)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        var forwarder = system.SystemActorOf(Props.Create(() => new UsbEventForwarder(channel.Writer)), $"api-usb-events-{Guid.NewGuid():N}");
        try
        {
            await foreach (var change in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return UsbDtoMapper.Event(change);
            }
        }
        finally
        {
            system.Stop(forwarder);
        }
    }
}
